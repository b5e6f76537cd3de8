import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LOCALES, Locale } from '../court/roles';
import { PageQuery } from '../common/pagination';
import { VERSION_NUMBER_MAX } from '../guidelines/version-number.pipe';
import { MAX_BODY } from '../guidelines/version.dto';
import { Stage } from '../court/stage';
import { DISPOSITION_STATUSES, DispositionStatus } from './comment.entity';
import { Trim, validationMessage } from '../common/validation';

export const MAX_COMMENT = 20_000;
export const MAX_QUOTE = 2_000;

export class SpokenByDto {
  @ApiProperty({ example: 'Ms Vanh' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Vientiane Capital People’s Court' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  institution?: string;
}

export class SuggestionDto {
  @ApiProperty({
    maxLength: MAX_BODY,
    description:
      'The words proposed instead of the quoted passage (may be empty: strike the passage), or, without a quote, instead of the whole section body',
  })
  @IsString()
  @MaxLength(MAX_BODY)
  text: string;
}

export class CreateCommentDto {
  @ApiPropertyOptional({
    example: 'art-5',
    description: 'Required for a top-level comment; a reply takes its thread’s section',
  })
  @ValidateIf((o: CreateCommentDto) => !o.parentId || o.sectionKey !== undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, validationMessage('SECTION_KEY_REF_FORM'))
  sectionKey?: string;

  @ApiProperty({ maxLength: MAX_COMMENT })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_COMMENT)
  body: string;

  @ApiPropertyOptional({
    maxLength: MAX_QUOTE,
    description:
      'A passage of the section (heading or body) the comment is about; must occur there',
  })
  // Not @IsOptional: that would let null through; omit the field for no quote.
  @ValidateIf((o: CreateCommentDto) => o.quote !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_QUOTE)
  quote?: string;

  @ApiPropertyOptional({
    type: SuggestionDto,
    description:
      'Suggested wording (top-level comments only): the secretariat can accept it and write it into the working draft',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SuggestionDto)
  suggestion?: SuggestionDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Reply to this comment. Threads are one level deep: a reply to a reply is stored in the same thread (parentId = the top-level comment, inReplyToId = the reply answered)',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({
    type: SpokenByDto,
    description:
      'SECRETARIAT only: a comment spoken by a participant (e.g. at a consultation event)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpokenByDto)
  onBehalfOf?: SpokenByDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The consultation event (with onBehalfOf)' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

export class UpdateCommentDto {
  @ApiPropertyOptional({ maxLength: MAX_COMMENT })
  @ValidateIf((o: UpdateCommentDto) => o.body !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_COMMENT)
  body?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_QUOTE,
    description: 'New quoted passage; null removes the quote',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_QUOTE)
  quote?: string | null;
}

export const COMMENT_STATUS_FILTERS = ['OPEN', 'DISPOSED', ...DISPOSITION_STATUSES] as const;
export type CommentStatusFilter = (typeof COMMENT_STATUS_FILTERS)[number];

export class CommentQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, validationMessage('SECTION_KEY_REF_FORM'))
  sectionKey?: string;

  @ApiPropertyOptional({
    enum: COMMENT_STATUS_FILTERS,
    description: 'OPEN: no disposition yet; DISPOSED: any disposition; or one disposition status',
  })
  @IsOptional()
  @IsIn(COMMENT_STATUS_FILTERS)
  status?: CommentStatusFilter;

  @ApiPropertyOptional({ description: 'Substring of the comment text (works for Lao)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  authorId?: string;
}

export class DispositionDto {
  @ApiProperty({ enum: DISPOSITION_STATUSES })
  @IsIn(DISPOSITION_STATUSES)
  status: DispositionStatus;

  @ApiPropertyOptional({ description: 'The written response: required unless NOTED' })
  @ValidateIf((o: DispositionDto) => o.status !== 'NOTED' || o.response !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty(validationMessage('RESPONSE_REQUIRED'))
  @MaxLength(MAX_COMMENT)
  response?: string;

  @ApiPropertyOptional({
    description:
      "With ACCEPTED or PARTIALLY_ACCEPTED: also write the comment's suggested wording into the working draft, in the same transaction (409, and nothing recorded, when the quoted passage no longer occurs exactly once in the draft)",
  })
  @IsOptional()
  @IsBoolean()
  applySuggestion?: boolean;

  @ApiPropertyOptional({
    enum: DISPOSITION_STATUSES,
    nullable: true,
    description:
      'The status this decision replaces, as the caller last saw it (null: none yet; omitted counts as null). 409 DISPOSITION_CHANGED when the comment’s status is another: a decision is never overwritten unseen',
  })
  // Not @IsOptional alone: null is a value here (no decision seen), so only undefined skips.
  @ValidateIf((o: DispositionDto) => o.expectedStatus !== undefined && o.expectedStatus !== null)
  @IsIn(DISPOSITION_STATUSES)
  expectedStatus?: DispositionStatus | null;
}

export class SearchQuery extends PageQuery {
  @ApiProperty({ description: 'Substring to find in sections of any version and in comments' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q: string;
}

export const MATRIX_FORMATS = ['json', 'csv', 'docx'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export class MatrixQuery {
  @ApiPropertyOptional({ enum: MATRIX_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MATRIX_FORMATS)
  format: MatrixFormat = 'json';

  @ApiPropertyOptional({ type: 'integer', description: 'One version; default: all versions' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VERSION_NUMBER_MAX)
  version?: number;

  @ApiPropertyOptional({
    enum: LOCALES,
    description: 'Language of headings and labels; default: yours',
  })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

// ---- views ----

export class AuthorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Institution, or agency name' })
  institution: string | null;
}

export class SpokenByView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) institution: string | null;
}

export class UserRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class DispositionView {
  @ApiProperty({ enum: DISPOSITION_STATUSES }) status: DispositionStatus;
  @ApiProperty({ type: String, nullable: true }) response: string | null;
  @ApiProperty({ type: UserRef }) by: UserRef;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The current version when decided' })
  versionNumber: number | null;
}

export class CarryOverView {
  @ApiProperty({ type: 'integer' }) latestVersion: number;
  @ApiProperty({ enum: ['unchanged', 'changed', 'removed', 'moved'] })
  sectionStatus: 'unchanged' | 'changed' | 'removed' | 'moved';
  @ApiProperty({ type: Boolean, nullable: true, description: 'null without a quote or section' })
  quoteStillPresent: boolean | null;
}

export const SUGGESTION_STATUSES = ['OPEN', 'APPLIED', 'NOT_APPLIED'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export class SuggestionView {
  @ApiProperty() text: string;
  @ApiProperty({
    enum: SUGGESTION_STATUSES,
    description:
      'APPLIED: a published version took it in (appliedInVersion); NOT_APPLIED: the comment has a disposition and the words are neither in a version nor in the working draft; OPEN: otherwise (no disposition yet, or written into the draft and waiting for it to be published: inDraft)',
  })
  status: SuggestionStatus;
  @ApiProperty({ type: 'integer', nullable: true }) appliedInVersion: number | null;
  @ApiProperty({ description: 'Written into the working draft, not yet published' })
  inDraft: boolean;
}

/** What the caller may do on this comment now, computed from the rules on the server. */
export class CommentActionsView {
  @ApiProperty({ description: 'Reply in this thread' }) reply: boolean;
  @ApiProperty({ description: 'Change the text (your own, while it has no disposition)' })
  edit: boolean;
  @ApiProperty({ description: 'Delete it (your own, while it has no disposition)' })
  delete: boolean;
  @ApiProperty({ description: 'Record or change its disposition (top-level comments)' })
  decide: boolean;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) guidelineId: string;
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() sectionKey: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The top-level comment of the thread',
  })
  parentId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The reply this one answers',
  })
  inReplyToId: string | null;
  @ApiProperty({ type: AuthorView, description: 'Who typed the comment' }) author: AuthorView;
  @ApiProperty({
    type: SpokenByView,
    nullable: true,
    description: 'Who said it, when recorded on their behalf',
  })
  spokenBy: SpokenByView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) quote: string | null;
  @ApiProperty({ type: SuggestionView, nullable: true, description: 'Suggested wording, if any' })
  suggestion: SuggestionView | null;
  @ApiProperty({ enum: Stage, description: 'Stage in which it was written' }) stage: Stage;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'Replies in the thread (top-level comments; 0 for replies)',
  })
  replyCount: number;
  @ApiProperty({ type: DispositionView, nullable: true }) disposition: DispositionView | null;
  @ApiPropertyOptional({ type: CarryOverView, description: 'When a newer version exists' })
  carryOver?: CarryOverView;
  @ApiProperty({ type: CommentActionsView, description: 'What you may do on it now' })
  yourActions: CommentActionsView;
}

export class RevisionView {
  @ApiProperty({ description: 'The text before the edit' }) body: string;
  @ApiProperty({ type: String, nullable: true }) quote: string | null;
  @ApiProperty({ type: UserRef }) editedBy: UserRef;
  @ApiProperty({ format: 'date-time', description: 'When this text was replaced' })
  editedAt: string;
}

export class DispositionHistoryView extends DispositionView {
  @ApiProperty() id: string;
}

export class CommentDetailView extends CommentView {
  @ApiProperty({ type: [RevisionView], description: 'Earlier texts, oldest first' })
  revisions: RevisionView[];
  @ApiProperty({ type: [DispositionHistoryView], description: 'Every decision, oldest first' })
  dispositions: DispositionHistoryView[];
  @ApiProperty({
    type: [CommentView],
    description: 'The thread’s replies, oldest first (top-level only)',
  })
  replies: CommentView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'When the thread has more replies than this answer carries (100): the cursor of GET /api/comments/{id}/replies for the next ones',
  })
  repliesNext: string | null;
}

export class CommentListView {
  @ApiProperty({ type: [CommentView] }) items: CommentView[];
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}

export class SearchHitView {
  @ApiProperty({ enum: ['section', 'comment'] }) type: 'section' | 'comment';
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() sectionKey: string;
  @ApiProperty() heading: string;
  @ApiProperty({ description: 'The matching text around the match' }) snippet: string;
  @ApiPropertyOptional({ format: 'uuid' }) commentId?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) parentId?: string | null;
  @ApiPropertyOptional({ type: UserRef }) author?: UserRef;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
}

export class SearchResultView {
  @ApiProperty({ type: [SearchHitView] }) items: SearchHitView[];
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}

export class MatrixItemView {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ type: 'integer' }) versionNumber: number;
  @ApiProperty() sectionKey: string;
  @ApiProperty() sectionHeading: string;
  @ApiProperty({ type: UserRef, description: 'Who typed it' }) author: UserRef;
  @ApiProperty({ description: 'Who said it: spokenBy when recorded on behalf, else the author' })
  commenter: string;
  @ApiProperty({ type: String, nullable: true }) institution: string | null;
  @ApiProperty({ type: SpokenByView, nullable: true }) spokenBy: SpokenByView | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) quote: string | null;
  @ApiProperty({
    type: SuggestionView,
    nullable: true,
    description: 'Suggested wording and whether it was applied',
  })
  suggestion: SuggestionView | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: DISPOSITION_STATUSES, nullable: true })
  dispositionStatus: DispositionStatus | null;
  @ApiProperty({ type: String, nullable: true }) response: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Current version when the disposition was given',
  })
  answeredInVersion: number | null;
}

export class MatrixView {
  @ApiProperty({ type: [MatrixItemView] }) items: MatrixItemView[];
}
