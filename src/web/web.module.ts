import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MarkdownController } from './markdown.controller';
import { MarkdownSectionsService } from './markdown-sections.service';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';
import { StaticAssets } from './static-assets';

/** The web interface: static pages at `/`, the cookie session they sign in with, and a Markdown reader. */
@Module({
  imports: [AuthModule],
  controllers: [SessionController, MarkdownController],
  providers: [SessionService, MarkdownSectionsService, StaticAssets],
})
export class WebModule {}
