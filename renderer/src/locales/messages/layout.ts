/** The console's frame: navigation, the user bar, the language switch. */
export default {
  'zh-CN': {
    nav: {
      batches: '批次',
      import: '导入付款文件',
      attention: '待处理事项',
      reports: '月末报表',
      reconciliation: '对账',
      settings: '设置',
    },
    user: '当前用户',
    language: '语言',
    signOut: '退出登录',
    environment: '环境',
    skipToContent: '跳到主要内容',
    notFound: '找不到此页面。',
    backToBatches: '返回批次列表',
    engineStopped: '发送引擎',
  },
  en: {
    nav: {
      batches: 'Batches',
      import: 'Import a payout file',
      attention: 'Needs attention',
      reports: 'Reports',
      reconciliation: 'Reconciliation',
      settings: 'Settings',
    },
    user: 'Signed in as',
    language: 'Language',
    signOut: 'Sign out',
    environment: 'Environment',
    skipToContent: 'Skip to the main content',
    notFound: 'This page does not exist.',
    backToBatches: 'Back to the batches',
    engineStopped: 'Sending engine',
  },
};
