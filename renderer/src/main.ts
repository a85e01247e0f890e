import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { installGrid } from './adapter/vxe-table';
import { i18n } from './locales';
import { router } from './router';
import './styles/index.css';

const app = createApp(App);
app.use(createPinia()).use(i18n).use(router).use(ElementPlus);
installGrid(app);
app.mount('#app');
