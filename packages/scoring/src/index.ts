export const PACKAGE_NAME = '@gongkai/scoring';
