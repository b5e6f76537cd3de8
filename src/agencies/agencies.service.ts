import { Injectable } from '@nestjs/common';
import { ReaderScope } from '../court/reader-scope';
import { DataSource } from 'typeorm';
import { detail } from '../common/app-error';
import { AgencyErrorCode, AgencyException } from './agency.exception';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';
import { CreateAgencyDto, UpdateAgencyDto } from './agency.dto';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** The agencies this reader may know of: all, or an agency reader's own. */
  async list(scope: ReaderScope): Promise<Agency[]> {
    const all = await this.agencies.listAll();
    return all.filter((agency) => scope.agencyId === null || agency.id === scope.agencyId);
  }

  async create(dto: CreateAgencyDto): Promise<Agency> {
    if (await this.agencies.findByCode(dto.code)) {
      throw new AgencyException(AgencyErrorCode.AGENCY_CODE_TAKEN, { code: dto.code });
    }
    return this.agencies.create({
      code: dto.code,
      nameEn: dto.name.en,
      nameLo: dto.name.lo,
      email: dto.email,
      locale: dto.locale ?? 'lo',
    });
  }

  /** Read, changed and written under the agency's row lock: two edits at once both apply. */
  async update(id: string, dto: UpdateAgencyDto): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.lockById(manager, id);
      if (!agency) throw new AgencyException(AgencyErrorCode.AGENCY_NOT_FOUND);
      if (dto.name) {
        agency.nameEn = dto.name.en;
        agency.nameLo = dto.name.lo;
      }
      if (dto.email) agency.email = dto.email;
      if (dto.locale) agency.locale = dto.locale;
      return this.agencies.save(agency, manager);
    });
  }

  /** Resolves agency codes; unknown codes are reported together. */
  async requireCodes(codes: string[]): Promise<Agency[]> {
    const found = await this.agencies.findByCodes(codes);
    const missing = codes.filter((c) => !found.some((a) => a.code === c.toUpperCase()));
    if (missing.length) {
      throw new AgencyException(
        AgencyErrorCode.UNKNOWN_AGENCIES,
        { codes: missing.join(', ') },
        missing.map((code) =>
          detail('UNKNOWN_AGENCY', { code }, { code: 'UNKNOWN_AGENCY', field: 'agencies' }),
        ),
      );
    }
    return found;
  }
}
