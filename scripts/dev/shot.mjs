import { chromium } from '@playwright/test';
import { launchOptions } from '../browser.mjs';
const [,, url, out, w = '1400', h = '900'] = process.argv;
const browser = await chromium.launch(launchOptions());
// COLOR_SCHEME=dark for the dark theme (the app follows the system scheme until one is chosen).
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, colorScheme: process.env.COLOR_SCHEME === 'dark' ? 'dark' : 'light' });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.type() + ': ' + m.text()); });
page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
await page.goto(url);
await page.waitForTimeout(2500);
await page.screenshot({ path: out, fullPage: false });
console.log(errors.join('\n') || 'no console errors');
await browser.close();
