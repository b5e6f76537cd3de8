import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Stage } from '../court/stage';

/** A published draft version. The database refuses UPDATE and DELETE on these rows. */
@Entity('guideline_versions')
export class GuidelineVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'guideline_id', type: 'uuid' })
  guidelineId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  stage: Stage;

  @Column({ name: 'change_summary' })
  changeSummary: string;

  @Column({ name: 'content_hash' })
  contentHash: string;

  @Column({ name: 'section_count', type: 'int' })
  sectionCount: number;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}

/** One section of a published version, in order. Immutable like its version. */
@Entity('version_sections')
export class VersionSection {
  @Column({ name: 'version_id', type: 'uuid', primary: true })
  versionId: string;

  @Column({ type: 'int', primary: true })
  position: number;

  @Column()
  key: string;

  @Column({ type: 'text' })
  kind: 'text' | 'indicator';

  @Column()
  heading: string;

  @Column()
  body: string;

  @Column({ name: 'indicator_code', type: 'text', nullable: true })
  indicatorCode: string | null;

  @Column({ name: 'indicator_category', type: 'text', nullable: true })
  indicatorCategory: string | null;
}
