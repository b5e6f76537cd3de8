import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../court/roles';
import { AppError } from '../common/app-error';
import { Page } from '../common/pagination';
import { CreateGuidelineDto, GuidelineQuery, GuidelineView } from './guideline.dto';
import { GuidelinesRepository } from './guidelines.repository';

@Injectable()
export class GuidelinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guidelines: GuidelinesRepository,
  ) {}

  /** A new guideline starts in DRAFTING; its stage history starts with it, in one transaction. */
  async create(dto: CreateGuidelineDto, actor: AuthUser): Promise<GuidelineView> {
    const code = dto.code.toUpperCase();
    const row = await this.dataSource.transaction(async (manager) => {
      if (await this.guidelines.codeTaken(manager, code)) {
        throw AppError.conflict(`A guideline with code ${code} already exists`, [
          { field: 'code', code: 'DUPLICATE_CODE', message: `code ${code} is already used` },
        ]);
      }
      const id = await this.guidelines.insertWithHistory(manager, {
        code,
        titleEn: dto.title.en,
        titleLo: dto.title.lo,
        createdBy: actor.id,
      });
      return this.guidelines.findView(id, manager);
    });
    return GuidelineView.of(row!);
  }

  async list(query: GuidelineQuery): Promise<Page<GuidelineView>> {
    const page = await this.guidelines.page(query);
    return { items: page.items.map(GuidelineView.of), next: page.next };
  }

  async get(id: string): Promise<GuidelineView> {
    const row = await this.guidelines.findView(id);
    if (!row) throw AppError.notFound('Guideline');
    return GuidelineView.of(row);
  }
}
