import { ApiProperty } from '@nestjs/swagger';

export class SessionItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'True for the session this request was made with' })
  current: boolean;
  @ApiProperty({
    description: 'The browser and system of the sign-in, from its User-Agent ("Firefox on Linux")',
    example: 'Chrome on Windows',
  })
  device: string;
  @ApiProperty({ description: 'The client address of the sign-in', example: '203.0.113.7' })
  address: string;
  @ApiProperty({ format: 'date-time' }) signedInAt: string;
  @ApiProperty({ format: 'date-time', description: 'Last use, to within a minute' })
  lastSeenAt: string;
}

export class SessionListView {
  @ApiProperty({ type: [SessionItemView] }) items: SessionItemView[];
}

export class SessionsEndedView {
  @ApiProperty({ description: 'How many open sessions were ended' }) ended: number;
}
