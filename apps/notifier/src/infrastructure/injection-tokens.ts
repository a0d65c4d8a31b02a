export const APP_CONFIG = Symbol('AppConfig');
export const CLOCK = Symbol('Clock');
export const NOTIFIER_SETTINGS = Symbol('NotifierSettings');
