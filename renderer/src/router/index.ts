/**
 * The console's screens. Hash history: the same addresses work under the desktop app's own protocol and in
 * browser mode, and a reload keeps the screen. A route may name the action it is for; the menu hides it and
 * the guard turns back someone whose roles do not allow it (the main process refuses the calls anyway).
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Action } from '../../../electron/contract/roles';

declare module 'vue-router' {
  interface RouteMeta {
    /** The action the screen is for; people whose roles do not allow it are not offered it. */
    requires?: Action;
    /** The navigation entry it belongs to (a batch's detail belongs to "batches"). */
    section?: 'batches' | 'import' | 'attention' | 'reports' | 'reconciliation' | 'settings';
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/batches' },
  {
    path: '/batches',
    name: 'batches',
    component: () => import('../views/batches/index.vue'),
    meta: { section: 'batches' },
  },
  {
    path: '/batches/:id(\\d+)',
    name: 'batch',
    component: () => import('../views/batches/detail.vue'),
    props: (route) => ({ batchId: Number(route.params['id']) }),
    meta: { section: 'batches' },
  },
  {
    path: '/batches/:id(\\d+)/review',
    name: 'review',
    component: () => import('../views/approval/index.vue'),
    props: (route) => ({ batchId: Number(route.params['id']) }),
    meta: { section: 'batches' },
  },
  {
    path: '/import',
    name: 'import',
    component: () => import('../views/import/index.vue'),
    meta: { section: 'import', requires: 'batch.import' },
  },
  {
    path: '/attention',
    name: 'attention',
    component: () => import('../views/attention/index.vue'),
    meta: { section: 'attention' },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('../views/reports/index.vue'),
    meta: { section: 'reports' },
  },
  {
    path: '/reconciliation',
    name: 'reconciliation',
    component: () => import('../views/reconciliation/index.vue'),
    meta: { section: 'reconciliation' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('../views/settings/index.vue'),
    meta: { section: 'settings', requires: 'settings.change' },
  },
  { path: '/:unknown(.*)*', name: 'not-found', component: () => import('../views/NotFound.vue') },
];

export const router = createRouter({ history: createWebHashHistory(), routes });
