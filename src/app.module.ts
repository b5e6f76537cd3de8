import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountsApiModule } from './accounts/accounts.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { Env } from './config/env';
import { CoreModule } from './core.module';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';
import { GuidelinesModule } from './guidelines/guidelines.module';
import { CommentsModule } from './comments/comments.module';
import { DraftingModule } from './drafting/drafting.module';
import { WorkflowModule } from './workflow/workflow.module';
import { ReviewLinksApiModule, ReviewsModule } from './reviews/reviews.module';
import { RemindersModule } from './reminders/reminders.module';
import { NotificationsModule } from './notifications/notifications.module';
import { EventsModule } from './events/events.module';
import { ReportsModule } from './reports/reports.module';
import { WebModule } from './web/web.module';
import { DocumentsModule } from './documents/documents.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { WorkersModule } from './workers/workers.module';

@Module({})
export class AppModule {
  /** The whole API (and, unless WORKERS=off, the workers) for one validated environment. */
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(env),
        AgenciesModule,
        UsersModule,
        AuthModule,
        AccountsApiModule,
        HealthModule,
        GuidelinesModule,
        CommentsModule,
        DraftingModule,
        WorkflowModule,
        ReviewsModule,
        ReviewLinksApiModule,
        RemindersModule,
        NotificationsModule,
        EventsModule,
        ReportsModule,
        WebModule,
        DocumentsModule,
        QueueDashboardModule,
        // WORKERS=off: this process only serves HTTP; workers run elsewhere (npm run start:worker).
        ...(env.WORKERS === 'on' ? [WorkersModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
