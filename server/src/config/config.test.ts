import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  it('trusts no proxy and allows no other origin by default', () => {
    const sut = loadConfig({});
    expect(sut.trustProxy).toBe(false);
    expect(sut.allowedOrigins).toEqual([]);
  });

  it('reads allowed origins and the proxies to trust', () => {
    const sut = loadConfig({
      GONGKAI_ALLOWED_ORIGINS: 'https://gongkai.example.gov.cn, http://10.0.0.5:8080/',
      GONGKAI_TRUST_PROXY: 'loopback,10.0.0.0/8,::1',
    });
    expect(sut.allowedOrigins).toEqual(['https://gongkai.example.gov.cn', 'http://10.0.0.5:8080']);
    expect(sut.trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(loadConfig({ GONGKAI_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ GONGKAI_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('lists a bad origin and a bad proxy address, naming each', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig({
        GONGKAI_ALLOWED_ORIGINS: 'https://ok.example,https://gongkai.example/app',
        GONGKAI_TRUST_PROXY: '10.0.0.0/40,proxy-host',
      });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^GONGKAI_ALLOWED_ORIGINS .*https:\/\/gongkai\.example\/app/);
    expect(problems[1]).toMatch(/^GONGKAI_TRUST_PROXY .*10\.0\.0\.0\/40, proxy-host/);
  });
});
