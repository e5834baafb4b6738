import type { zhCN } from './messages.zh-CN';

export const en: Record<keyof typeof zhCN, string> = {
  'app.name': 'Gongkai',
  'app.tagline':
    'Government information-disclosure annual reports: collect · check · review · rank',
  'app.skipToContent': 'Skip to main content',
  'nav.home': 'Home',
  'nav.language': 'Language',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong: {message}',
  'common.retry': 'Retry',
  'system.title': 'System status',
  'system.database': 'Database',
  'system.databaseUp': 'Up (PostgreSQL {version})',
  'system.databaseDown': 'Unreachable',
  'system.version': 'Version',
  'system.uptime': 'Up for {seconds} s',
  'system.tablesChart': 'Rows per table',
  'system.rows': 'Rows',
};
