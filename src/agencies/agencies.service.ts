import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';
import { CreateAgencyDto, UpdateAgencyDto } from './agency.dto';

@Injectable()
export class AgenciesService {
  constructor(private readonly agencies: AgenciesRepository) {}

  list(): Promise<Agency[]> {
    return this.agencies.listAll();
  }

  async create(dto: CreateAgencyDto): Promise<Agency> {
    if (await this.agencies.findByCode(dto.code)) {
      throw AppError.conflict(`An agency with code ${dto.code} already exists`);
    }
    return this.agencies.create({
      code: dto.code,
      nameEn: dto.name.en,
      nameLo: dto.name.lo,
      email: dto.email,
    });
  }

  async update(id: string, dto: UpdateAgencyDto): Promise<Agency> {
    const agency = await this.agencies.findById(id);
    if (!agency) throw AppError.notFound('Agency');
    if (dto.name) {
      agency.nameEn = dto.name.en;
      agency.nameLo = dto.name.lo;
    }
    if (dto.email) agency.email = dto.email;
    return this.agencies.save(agency);
  }

  /** Resolves agency codes; unknown codes are reported together. */
  async requireCodes(codes: string[]): Promise<Agency[]> {
    const found = await this.agencies.findByCodes(codes);
    const missing = codes.filter((c) => !found.some((a) => a.code === c.toUpperCase()));
    if (missing.length) {
      throw AppError.unprocessable(
        `Unknown agency code: ${missing.join(', ')}`,
        missing.map((code) => ({
          code: 'UNKNOWN_AGENCY',
          field: 'agencies',
          message: `Unknown agency ${code}`,
        })),
      );
    }
    return found;
  }
}
