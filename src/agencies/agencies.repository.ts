import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Agency } from './agency.entity';

@Injectable()
export class AgenciesRepository {
  constructor(@InjectRepository(Agency) private readonly repo: Repository<Agency>) {}

  listAll(): Promise<Agency[]> {
    return this.repo.find({ order: { code: 'ASC' } });
  }

  findById(id: string): Promise<Agency | null> {
    return this.repo.findOneBy({ id });
  }

  findByCode(code: string): Promise<Agency | null> {
    return this.repo.findOneBy({ code: code.toUpperCase() });
  }

  findByCodes(codes: string[]): Promise<Agency[]> {
    return this.repo.findBy({ code: In(codes.map((c) => c.toUpperCase())) });
  }

  create(fields: Pick<Agency, 'code' | 'nameEn' | 'nameLo' | 'email'>): Promise<Agency> {
    return this.repo.save(this.repo.create(fields));
  }

  save(agency: Agency): Promise<Agency> {
    return this.repo.save(agency);
  }
}
