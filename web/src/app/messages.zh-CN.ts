/** zh-CN is the default and reference catalogue: every key exists here. */
export const zhCN = {
  'app.name': '公开',
  'app.tagline': '政府信息公开工作年度报告 收集 · 校验 · 审核 · 排名',
  'app.skipToContent': '跳到主要内容',
  'nav.home': '首页',
  'nav.language': '语言',
  'common.loading': '加载中…',
  'common.error': '出错了：{message}',
  'common.retry': '重试',
  'system.title': '系统状态',
  'system.database': '数据库',
  'system.databaseUp': '运行正常（PostgreSQL {version}）',
  'system.databaseDown': '无法连接',
  'system.version': '版本',
  'system.uptime': '已运行 {seconds} 秒',
  'system.tablesChart': '各数据表行数',
  'system.rows': '行数',
} as const;
