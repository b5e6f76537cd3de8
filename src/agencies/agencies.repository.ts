import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
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

  /** The agency with its row locked for the rest of the transaction; null when there is none. */
  lockById(manager: EntityManager, id: string): Promise<Agency | null> {
    return manager
      .getRepository(Agency)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByCode(code: string): Promise<Agency | null> {
    return this.repo.findOneBy({ code: code.toUpperCase() });
  }

  findByCodes(codes: string[]): Promise<Agency[]> {
    return this.repo.findBy({ code: In(codes.map((c) => c.toUpperCase())) });
  }

  create(fields: Pick<Agency, 'code' | 'nameEn' | 'nameLo' | 'email' | 'locale'>): Promise<Agency> {
    return this.repo.save(this.repo.create(fields));
  }

  save(agency: Agency, manager?: EntityManager): Promise<Agency> {
    return (manager ? manager.getRepository(Agency) : this.repo).save(agency);
  }
}
