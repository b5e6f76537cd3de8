import { IdempotencyModule } from '../idempotency/idempotency.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GuidelinesModule } from '../guidelines/guidelines.module';
import { ConsultationEvent, EventCorrection, EventInstitution } from './consultation-event.entity';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Module({
  imports: [
    IdempotencyModule,
    TypeOrmModule.forFeature([ConsultationEvent, EventInstitution, EventCorrection]),
    GuidelinesModule,
  ],
  controllers: [EventsController],
  providers: [EventsRepository, EventsService],
  exports: [EventsRepository],
})
export class EventsModule {}
