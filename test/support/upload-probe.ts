import { Body, Controller, Module, Post } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { createHash } from 'node:crypto';
import { AcceptsUpload, DOCX_MEDIA_TYPE, Upload, Uploaded } from '../../src/common/upload';

class ProbeFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

function describe(file: Upload | undefined, fields: ProbeFieldsDto) {
  return {
    file: file
      ? {
          size: file.size,
          sha256: createHash('sha256').update(file.content).digest('hex'),
          mediaType: file.mediaType,
          fileName: file.fileName,
        }
      : null,
    note: fields.note ?? null,
  };
}

/** Routes that take uploads the one way src/common/upload.ts offers, for the edge tests only. */
@Controller('upload-probe')
export class UploadProbeController {
  /** A Word file, as the body or as the form field `file`. */
  @Post('docx')
  @AcceptsUpload({ mediaTypes: [DOCX_MEDIA_TYPE] })
  docx(@Uploaded() file: Upload, @Body() fields: ProbeFieldsDto) {
    return describe(file, fields);
  }

  /** JSON, or a form with an optional PDF of at most 1,000 bytes in `letter`. */
  @Post('letter')
  @AcceptsUpload({
    field: 'letter',
    mediaTypes: ['application/pdf'],
    maxBytes: 1000,
    required: false,
  })
  letter(@Uploaded() file: Upload | undefined, @Body() fields: ProbeFieldsDto) {
    return describe(file, fields);
  }
}

@Module({ controllers: [UploadProbeController] })
export class UploadProbeModule {}
