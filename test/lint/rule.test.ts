import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/lint/rule.js';

describe('formatMessage', () => {
  it('fills placeholders, spaces inside the braces allowed', () => {
    expect(formatMessage('a {{x}} b {{ y }} c', { x: 1, y: 'Y' })).toBe('a 1 b Y c');
    expect(formatMessage('{{x}}{{x}}', { x: 'q' })).toBe('qq');
  });
  it('leaves unknown placeholders as written and text without placeholders alone', () => {
    expect(formatMessage('{{x}} {{ z }}', { x: 'q' })).toBe('q {{ z }}');
    expect(formatMessage('no placeholders', { x: 1 })).toBe('no placeholders');
    expect(formatMessage('{{x}}', undefined)).toBe('{{x}}');
  });
  it('does not expand placeholders or $ patterns inside values', () => {
    expect(formatMessage('pre {{a}} post', { a: '$1 {{b}} $&', b: 'no' })).toBe('pre $1 {{b}} $& post');
  });
});
