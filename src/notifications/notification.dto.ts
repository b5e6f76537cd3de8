import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { NotificationKind } from './templates';

const EMAIL_STATES = ['PENDING', 'SENT', 'FAILED', 'SKIPPED', 'DAILY', 'OFF'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only those not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class EmailDeliveryView {
  @ApiProperty({
    enum: EMAIL_STATES,
    description:
      'SKIPPED when e-mail is off (no SMTP_URL) or the reader’s account was deactivated before it went out; DAILY while it waits for the daily digest (SENT once the digest went); OFF when the reader wants no e-mail of this kind',
  })
  state: EmailState;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NotificationKind }) kind: NotificationKind;
  @ApiProperty({ description: "In the reader's language" }) subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) link: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) guidelineId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ type: EmailDeliveryView }) email: EmailDeliveryView;
}

export class NotificationListView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) next: string | null;
  @ApiProperty({ type: 'integer', description: "The caller's unread notifications, in all pages" })
  unreadCount: number;
}

export class RecipientView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class FailedEmailView extends NotificationView {
  @ApiProperty({ type: RecipientView }) recipient: RecipientView;
}

export class FailedEmailListView {
  @ApiProperty({ type: [FailedEmailView] }) items: FailedEmailView[];
  @ApiProperty({ nullable: true, type: String }) next: string | null;
}

export class ReadAllView {
  @ApiProperty({ type: 'integer', description: 'How many were marked read now' }) marked: number;
}
