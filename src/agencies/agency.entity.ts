import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  code: string;

  @Column({ name: 'name_en' })
  nameEn: string;

  @Column({ name: 'name_lo' })
  nameLo: string;

  @Column()
  email: string;

  /** The language the agency's contact address is written to. */
  @Column({ type: 'text', default: 'lo' })
  locale: 'lo' | 'en';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
