import { Module } from '@nestjs/common';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { ParticipationRepository } from './participation.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [GuidelinesModule],
  controllers: [ReportsController],
  providers: [ParticipationRepository, ReportsService],
})
export class ReportsModule {}
