import { AppError } from './app-error';
import { toErrorBody } from './all-exceptions.filter';
import { PasswordPolicy, passwordProblem, PasswordProblem } from './password-policy';

const owner = { email: 'khamphone.s@court.gov.la', name: 'Khamphone Sisavath' };

describe('passwordProblem', () => {
  it.each([
    ['', PasswordProblem.TOO_SHORT],
    ['Sh0rt!pw', PasswordProblem.TOO_SHORT],
    // Counted in code points, as typed: a Lao vowel or tone mark is a key of its own.
    ['ສະບາຍດີ', PasswordProblem.TOO_SHORT],
    ['aaaaaaaaaa', PasswordProblem.REPETITIVE],
    ['          ', PasswordProblem.REPETITIVE],
    ['AAAAAaaaaa', PasswordProblem.REPETITIVE],
    ['aaaaaaaxyz1', PasswordProblem.REPETITIVE],
    ['ababababab', PasswordProblem.REPETITIVE],
    ['abcabcabcabc', PasswordProblem.REPETITIVE],
    ['khamphone.s@court.gov.la', PasswordProblem.PERSONAL],
    ['KHAMPHONE.S@COURT.GOV.LA', PasswordProblem.PERSONAL],
    ['khamphone.s', PasswordProblem.PERSONAL],
    ['Khamphone Sisavath', PasswordProblem.PERSONAL],
    ['khamphone-sisavath', PasswordProblem.PERSONAL],
    ['sisavath123', PasswordProblem.PERSONAL],
    ['2026-Khamphone!', PasswordProblem.PERSONAL],
    ['password12', PasswordProblem.COMMON],
    ['Password12', PasswordProblem.COMMON],
    ['1234567890', PasswordProblem.COMMON],
    ['qwertyuiop', PasswordProblem.COMMON],
    ['football2024!', PasswordProblem.COMMON],
    ['!!dragon2026', PasswordProblem.COMMON],
  ])('refuses %j as %s', (password, problem) => {
    expect(passwordProblem(password, owner)).toBe(problem);
  });

  it.each([
    'correct-horse-battery',
    'demo-password-2026',
    'admin-password-123',
    'ບ້ານຂອງຂ້ອຍຢູ່ວຽງຈັນ',
    'ສະບາຍດີບໍ່',
    'khamphone likes mangoes',
    'sisavath-is-a-judge-2026',
    'Tr4fficking-Victims-First',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, owner)).toBeNull();
  });

  it('compares the owner only when one is given', () => {
    expect(passwordProblem('khamphone.s@court.gov.la')).toBeNull();
  });
});

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it.each([
    ['en', 'The password is one of the most common passwords: choose another'],
    ['lo', 'ລະຫັດຜ່ານນີ້ເປັນໜຶ່ງໃນລະຫັດຜ່ານທີ່ໃຊ້ກັນຫຼາຍທີ່ສຸດ: ກະລຸນາເລືອກລະຫັດອື່ນ'],
  ] as const)('says why in %s, on the field, with the code', (locale, message) => {
    let thrown: unknown;
    try {
      policy.assertAcceptable('password12', owner);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const answer = toErrorBody(thrown, locale);
    expect(answer.statusCode).toBe(400);
    expect(answer.message).toBe(message);
    expect(answer.details).toEqual([{ field: 'password', code: 'PASSWORD_COMMON', message }]);
  });

  it('lets an acceptable password through', () => {
    expect(() => policy.assertAcceptable('correct-horse-battery', owner)).not.toThrow();
  });
});
