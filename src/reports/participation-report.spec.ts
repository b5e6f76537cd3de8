import { InstitutionCategory } from '../events/participation-rules';
import { UTF8_BOM } from '../formats/csv';
import { participationCsv } from './participation-csv';
import { buildParticipationReport, ParticipationTotals, shareOf } from './participation-report';

const totals = (over: Partial<ParticipationTotals>): ParticipationTotals => ({
  events: 1,
  female: 0,
  male: 0,
  other: 0,
  withDisability: 0,
  eventsReportingDisability: 0,
  participantsInEventsReportingDisability: 0,
  participantsWithInstitutionBreakdown: 0,
  ...over,
});

describe('shareOf: one decimal place, two under 1%', () => {
  it.each([
    [300, 665, 45.1, '45.1%'],
    [360, 665, 54.1, '54.1%'],
    [5, 665, 0.75, '0.75%'],
    [1, 312, 0.32, '0.32%'],
    [45, 100, 45, '45%'],
    [1, 3, 33.3, '33.3%'],
    [2, 3, 66.7, '66.7%'],
    [1, 200, 0.5, '0.5%'],
    [1, 8, 12.5, '12.5%'],
    [1, 16, 6.3, '6.3%'],
    [1, 1, 100, '100%'],
    [0, 10, 0, '0%'],
    [1, 100, 1, '1%'],
    [996, 100000, 1, '1%'],
    [994, 100000, 0.99, '0.99%'],
    [1, 1000000, 0.01, '<0.01%'],
    [99999, 100000, 99.9, '>99.9%'],
  ])('%i of %i is %d (%s)', (count, total, percent, label) => {
    expect(shareOf(count, total)).toEqual({ count, percent, label });
  });

  it('has no share of nothing', () => {
    expect(shareOf(0, 0)).toEqual({ count: 0, percent: null, label: '–' });
  });

  it('rounds an exact half up, without floating point drift', () => {
    // 1/16 = 6.25% -> 6.3; 1/32 = 3.125% -> 3.1; 1/400 = 0.25%; 1/800 = 0.125% -> 0.13
    expect(shareOf(1, 32).label).toBe('3.1%');
    expect(shareOf(1, 400).label).toBe('0.25%');
    expect(shareOf(1, 800).label).toBe('0.13%');
    expect(shareOf(3, 8).label).toBe('37.5%');
  });
});

describe('buildParticipationReport', () => {
  it('reads like the fact sheet: 32 events, 665 participants', () => {
    const report = buildParticipationReport(
      {},
      totals({
        events: 32,
        female: 300,
        male: 360,
        other: 5,
        participantsWithInstitutionBreakdown: 665,
      }),
      [],
    );
    expect(report.participants).toBe(665);
    expect(report.bySex.female.label).toBe('45.1%');
    expect(report.bySex.male.label).toBe('54.1%');
    expect(report.bySex.other.label).toBe('0.75%');
    expect(report.summary.en).toBe(
      '32 events, with 665 participants (45.1% female, 54.1% male, 0.75% other)',
    );
    expect(report.summary.lo).toBe('32 ກິດຈະກຳ, ມີຜູ້ເຂົ້າຮ່ວມ 665 ຄົນ (ຍິງ 45.1%, ຊາຍ 54.1%, ອື່ນໆ 0.75%)');
  });

  it('takes the disability share over the events that recorded it', () => {
    const report = buildParticipationReport(
      {},
      totals({
        events: 3,
        female: 60,
        male: 40,
        withDisability: 3,
        eventsReportingDisability: 2,
        participantsInEventsReportingDisability: 40,
      }),
      [],
    );
    expect(report.withDisability).toEqual({
      count: 3,
      percent: 7.5,
      label: '7.5%',
      eventsReporting: 2,
      base: 40,
    });
  });

  it('sorts institutions by count and sums categories in their fixed order', () => {
    const report = buildParticipationReport(
      {},
      totals({ events: 2, female: 20, male: 20, participantsWithInstitutionBreakdown: 30 }),
      [
        { category: InstitutionCategory.POLICE, name: 'ກົມຕຳຫຼວດ', count: 5 },
        { category: InstitutionCategory.COURT, name: 'ສານປະຊາຊົນສູງສຸດ', count: 20 },
        { category: InstitutionCategory.POLICE, name: null, count: 5 },
      ],
    );
    expect(report.byInstitution.map((i) => [i.name, i.label])).toEqual([
      ['ສານປະຊາຊົນສູງສຸດ', '50%'],
      [null, '12.5%'],
      ['ກົມຕຳຫຼວດ', '12.5%'],
    ]);
    expect(report.byCategory.map((c) => [c.category, c.count, c.label])).toEqual([
      ['COURT', 20, '50%'],
      ['POLICE', 10, '25%'],
    ]);
    expect(report.withoutInstitutionBreakdown).toEqual({ count: 10, percent: 25, label: '25%' });
  });
});

describe('participationCsv', () => {
  const report = buildParticipationReport(
    {},
    totals({ events: 1, female: 2, male: 1, participantsWithInstitutionBreakdown: 3 }),
    [{ category: InstitutionCategory.WOMENS_UNION, name: 'ສູນໃຫ້ຄຳປຶກສາ, ແມ່ຍິງ "ກາງ"', count: 3 }],
  );

  it('starts with a BOM, keeps Lao intact and writes headers and measures in Lao', () => {
    const csv = participationCsv(report, 'lo').toString('utf8');
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('"ລາຍການ","ປະເພດອົງການ","ອົງການ","ຈຳນວນ","ເປີເຊັນ","ສ່ວນຮ້ອຍ"');
    expect(lines).toContain('"ຍິງ",,,2,66.7,"66.7%"');
    expect(lines).toContain('"ອົງການ","ສະຫະພັນແມ່ຍິງ","ສູນໃຫ້ຄຳປຶກສາ, ແມ່ຍິງ ""ກາງ""",3,100,"100%"');
  });

  it('writes headers and measures in English for an English export', () => {
    const lines = participationCsv(report, 'en').toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '"Measure","Kind of institution","Institution","Number","Percent","Share"',
    );
    expect(lines).toContain('"Events",,,1,,');
    expect(lines).toContain(
      '"Institution","Women\'s Union","ສູນໃຫ້ຄຳປຶກສາ, ແມ່ຍິງ ""ກາງ""",3,100,"100%"',
    );
  });
});
