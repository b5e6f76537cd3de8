import { Injectable } from '@nestjs/common';
import { detail } from '../common/app-error';
import { WebErrorCode, WebException } from './web.exception';
import { GuidelineMarkdownError, parseGuidelineMarkdown } from '../documents/guideline-markdown';
import { MarkdownSectionsView } from './markdown.dto';

/** The browser does not re-implement the Markdown reader: it asks the server's (src/documents). */
@Injectable()
export class MarkdownSectionsService {
  read(markdown: string): MarkdownSectionsView {
    let sections: MarkdownSectionsView['sections'];
    try {
      sections = parseGuidelineMarkdown(markdown).sections;
    } catch (error) {
      if (!(error instanceof GuidelineMarkdownError)) throw error;
      throw new WebException(
        WebErrorCode.MARKDOWN_UNREADABLE,
        {},
        error.problems.map((p) =>
          detail(
            'MARKDOWN_LINE',
            { line: p.line, en: p.message, lo: p.lo },
            { code: 'MARKDOWN', field: 'markdown' },
          ),
        ),
      );
    }
    if (!sections.length) {
      throw new WebException(WebErrorCode.MARKDOWN_NO_SECTION, {}, [
        detail(
          'MARKDOWN_NO_SECTION_DETAIL',
          {},
          { code: 'MARKDOWN_NO_SECTION', field: 'markdown' },
        ),
      ]);
    }
    return { sections };
  }
}
