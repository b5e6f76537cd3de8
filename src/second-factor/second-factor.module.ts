import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { SecondFactorController } from './second-factor.controller';
import { SecondFactorRepository } from './second-factor.repository';
import { SecondFactorService } from './second-factor.service';

/** Two-factor sign-in (TOTP): enrolment routes, the sign-in check (used by AuthService), resets. */
@Module({
  imports: [UsersModule],
  controllers: [SecondFactorController],
  providers: [SecondFactorRepository, SecondFactorService],
  exports: [SecondFactorService],
})
export class SecondFactorModule {}
