import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Stage } from '../court/stage';

export const DISPOSITION_STATUSES = [
  'ACCEPTED',
  'PARTIALLY_ACCEPTED',
  'REJECTED',
  'NOTED',
] as const;
export type DispositionStatus = (typeof DISPOSITION_STATUSES)[number];

/**
 * A comment on one section of one version, or a reply in its thread. Threads are one level deep:
 * a reply's `parentId` is always the top-level comment; `inReplyToId` names the reply it answered.
 */
@Entity('comments')
export class Comment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'guideline_id', type: 'uuid' }) guidelineId: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId: string;
  @Column({ name: 'version_number', type: 'int' }) versionNumber: number;
  @Column({ name: 'section_key' }) sectionKey: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ name: 'in_reply_to_id', type: 'uuid', nullable: true }) inReplyToId: string | null;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Column() body: string;
  @Column({ type: 'text', nullable: true }) quote: string | null;
  /** Suggested wording (top-level comments): replaces the quote, or the whole body without one. */
  @Column({ type: 'text', nullable: true }) suggestion: string | null;
  @Column({ type: 'text' }) stage: Stage;
  @Column({ name: 'spoken_by_name', type: 'text', nullable: true }) spokenByName: string | null;
  @Column({ name: 'spoken_by_institution', type: 'text', nullable: true })
  spokenByInstitution: string | null;
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId: string | null;
  @Column({ name: 'disposition_status', type: 'text', nullable: true })
  dispositionStatus: DispositionStatus | null;
  @Column({ name: 'disposition_response', type: 'text', nullable: true })
  dispositionResponse: string | null;
  @Column({ name: 'disposition_by', type: 'uuid', nullable: true }) dispositionBy: string | null;
  @Column({ name: 'disposition_at', type: 'timestamptz', nullable: true })
  dispositionAt: Date | null;
  @Column({ name: 'disposition_version_number', type: 'int', nullable: true })
  dispositionVersionNumber: number | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true }) editedAt: Date | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
}

/** An earlier text of a comment, kept when its author edited it. Immutable. */
@Entity('comment_revisions')
export class CommentRevision {
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'comment_id', type: 'uuid' }) commentId: string;
  @Column() body: string;
  @Column({ type: 'text', nullable: true }) quote: string | null;
  @Column({ name: 'edited_by', type: 'uuid' }) editedBy: string;
  @Column({ name: 'edited_at', type: 'timestamptz' }) editedAt: Date;
}

/** One decision of the secretariat on a comment; the latest is copied onto the comment. Immutable. */
@Entity('comment_dispositions')
export class CommentDisposition {
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'comment_id', type: 'uuid' }) commentId: string;
  @Column({ type: 'text' }) status: DispositionStatus;
  @Column({ type: 'text', nullable: true }) response: string | null;
  @Column({ name: 'version_number', type: 'int', nullable: true }) versionNumber: number | null;
  @Column({ name: 'decided_by', type: 'uuid' }) decidedBy: string;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
}
