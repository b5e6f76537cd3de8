import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Stage } from '../court/stage';

@Entity('guidelines')
export class Guideline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  code: string;

  @Column({ name: 'title_en' })
  titleEn: string;

  @Column({ name: 'title_lo' })
  titleLo: string;

  @Column({ type: 'text' })
  stage: Stage;

  @Column({ name: 'current_version_number', type: 'int', nullable: true })
  currentVersionNumber: number | null;

  @Column({ name: 'consultation_closes_at', type: 'timestamptz', nullable: true })
  consultationClosesAt: Date | null;

  @Column({ name: 'adopted_version_number', type: 'int', nullable: true })
  adoptedVersionNumber: number | null;

  @Column({ name: 'adopted_content_hash', type: 'text', nullable: true })
  adoptedContentHash: string | null;

  @Column({ name: 'adopted_at', type: 'timestamptz', nullable: true })
  adoptedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
