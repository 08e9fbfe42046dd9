import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('wall config', () => {
  it('runs the embedded demo when nothing is configured', () => {
    expect(parseConfig(undefined, {})).toEqual({ config: {}, warnings: [] });
  });

  it('reads a platform, and lets the environment override it', () => {
    const file = JSON.stringify({
      platform: { url: 'https://hub.example.gov.cn/', token: 'a' },
      language: 'en',
    });
    expect(parseConfig(file, {}).config).toEqual({
      platform: { url: 'https://hub.example.gov.cn/', token: 'a' },
      language: 'en',
    });
    expect(
      parseConfig(file, { CITYWALL_HUB_URL: 'http://10.0.0.5:7450', CITYWALL_HUB_TOKEN: 't' })
        .config.platform,
    ).toEqual({ url: 'http://10.0.0.5:7450', token: 't' });
  });

  it('takes media server origins for the page to fetch HLS from, and refuses paths', () => {
    const ok = parseConfig(
      JSON.stringify({
        platform: { url: 'http://hub:7450', mediaOrigins: ['http://10.1.2.3:8080'] },
      }),
      {},
    );
    expect(ok.config.platform?.mediaOrigins).toEqual(['http://10.1.2.3:8080']);
    const bad = parseConfig(
      JSON.stringify({ platform: { url: 'http://hub:7450', mediaOrigins: ['http://x/live'] } }),
      {},
    );
    expect(bad.warnings[0]).toMatch(/must be an origin/);
  });

  it('reads when an incident takes the wall, and refuses a level that is none', () => {
    const ok = parseConfig(
      JSON.stringify({ emergency: { followLevel: 2, countdownSeconds: 5 } }),
      {},
    );
    expect(ok.config.emergency).toEqual({ followLevel: 2, countdownSeconds: 5 });
    expect(parseConfig(JSON.stringify({ emergency: { followLevel: 'off' } }), {}).warnings).toEqual(
      [],
    );
    const bad = parseConfig(JSON.stringify({ emergency: { followLevel: 5 } }), {});
    expect(bad.config).toEqual({});
    expect(bad.warnings[0]).toMatch(/citywall\.json ignored.*emergency\.followLevel/);
  });

  it.each([
    ['truncated', '{"platform": {"url": "http'],
    ['wrong types', '{"platform": {"url": 42}, "language": "fr"}'],
    ['not an object', '[1,2,3]'],
  ])('a %s file falls back to the demo with a warning', (_name, text) => {
    const { config, warnings } = parseConfig(text, {});
    expect(config).toEqual({});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/citywall\.json ignored/);
  });

  it('ignores a malformed CITYWALL_HUB_URL with a warning', () => {
    expect(parseConfig(undefined, { CITYWALL_HUB_URL: 'not a url' }).warnings).toEqual([
      'CITYWALL_HUB_URL ignored: not a URL',
    ]);
  });

  it('removes a user name and password from the hub URL before any window sees it', () => {
    const file = JSON.stringify({
      platform: { url: 'https://ops:hunter2@hub.example.gov.cn:8443/wall' },
    });
    const { config, warnings } = parseConfig(file, {});
    expect(config.platform?.url).toBe('https://hub.example.gov.cn:8443/wall');
    expect(JSON.stringify(config)).not.toContain('hunter2');
    expect(warnings[0]).toMatch(/password removed/);
    const fromEnv = parseConfig(undefined, { CITYWALL_HUB_URL: 'http://a:b@10.0.0.5:7450' });
    expect(fromEnv.config.platform?.url).toBe('http://10.0.0.5:7450');
  });

  it('refuses a hub URL that is not http or https', () => {
    const { config, warnings } = parseConfig(undefined, { CITYWALL_HUB_URL: 'file:///etc/passwd' });
    expect(config.platform).toBeUndefined();
    expect(warnings[0]).toMatch(/not http or https/);
  });
});
