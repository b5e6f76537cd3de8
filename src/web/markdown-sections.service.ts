import { Injectable } from '@nestjs/common';
import { Locale } from '../court/roles';
import { AppError } from '../common/app-error';
import { GuidelineMarkdownError, parseGuidelineMarkdown } from '../documents/guideline-markdown';
import { localize } from '../court/reason';
import { MarkdownSectionsView } from './markdown.dto';

const NO_SECTION = {
  code: 'MARKDOWN_NO_SECTION',
  en: 'line 1: no section found: start each section with a "## Heading" line',
  lo: 'ແຖວ 1: ບໍ່ພົບພາກໃດເລີຍ: ເລີ່ມແຕ່ລະພາກດ້ວຍແຖວ "## ຫົວຂໍ້"',
};

/** The browser does not re-implement the Markdown reader: it asks the server's (src/documents). */
@Injectable()
export class MarkdownSectionsService {
  read(markdown: string, locale: Locale): MarkdownSectionsView {
    let sections: MarkdownSectionsView['sections'];
    try {
      sections = parseGuidelineMarkdown(markdown).sections;
    } catch (error) {
      if (!(error instanceof GuidelineMarkdownError)) throw error;
      throw AppError.unprocessable(
        'The Markdown cannot be read as sections',
        error.problems.map((p) => ({
          code: 'MARKDOWN',
          field: 'markdown',
          message: `line ${p.line}: ${p.message}`,
        })),
      );
    }
    if (!sections.length) {
      throw AppError.unprocessable('The Markdown has no section', [
        { ...localize(NO_SECTION, locale), field: 'markdown' },
      ]);
    }
    return { sections };
  }
}
