export const PACKAGE_NAME = '@gongkai/report-import';
