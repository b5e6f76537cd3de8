import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Stage } from '../court/stage';

/** One move in a guideline's stage history. The database refuses UPDATE, DELETE and TRUNCATE. */
@Entity('stage_transitions')
export class StageTransition {
  /** bigint identity: kept as a string, JavaScript numbers cannot hold every bigint. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'guideline_id', type: 'uuid' })
  guidelineId: string;

  /** null on the row that records the guideline's creation. */
  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage: Stage | null;

  @Column({ name: 'to_stage', type: 'text' })
  toStage: Stage;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'version_number', type: 'int', nullable: true })
  versionNumber: number | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'boolean' })
  override: boolean;

  @Column({ type: 'jsonb' })
  details: TransitionDetails;
}

/** What a move recorded beyond its columns. */
export interface TransitionDetails {
  /** Gates an administrator's override set aside, with the reasons they gave then. */
  overridden?: { gate: string; reasons: { code: string; en: string; lo: string }[] }[];
  consultationClosesAt?: string;
  reviewDueDate?: string;
  agencies?: string[];
}
