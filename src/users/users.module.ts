import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from '../common/password-policy';
import { ActiveUsers } from './active-users';
import { SessionsRepository } from './sessions.repository';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AgenciesModule],
  controllers: [UsersController],
  providers: [
    UsersRepository,
    UsersService,
    PasswordHasher,
    PasswordPolicy,
    SessionsRepository,
    ActiveUsers,
  ],
  exports: [
    UsersRepository,
    UsersService,
    PasswordHasher,
    PasswordPolicy,
    SessionsRepository,
    ActiveUsers,
  ],
})
export class UsersModule {}
