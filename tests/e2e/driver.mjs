// Drives VS Code's workbench in Debian's chromium through puppeteer-core, for tests/e2e.
// Protocol: one JSON request per line on stdin, one JSON reply per line on stdout
// ({"ok": true, "value": ...} or {"ok": false, "error": "..."}). Every wait is on a condition with
// a deadline; nothing sleeps for a fixed time. See docs/testing.md.
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(process.env.PUPPETEER_MODULES + "/");
const puppeteer = require("puppeteer-core");

const CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--window-size=1400,900",
];

let browser = null;
let page = null;
const consoleErrors = [];

async function workbenchReady(timeout) {
    await page.waitForSelector(".monaco-workbench .part.editor", { timeout });
    // The status bar is drawn once the extension host has connected.
    await page.waitForSelector(".statusbar-item", { timeout });
}

const QUICK_INPUT = ".quick-input-widget .quick-input-box input";

async function quickInputRow(text, label, timeout) {
    // Open the quick input and type; if the workbench swallowed the key (still starting, focus
    // elsewhere), the box is not open or holds other text: close it and try again.
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
        await page.keyboard.press("Escape");
        await page.keyboard.press("F1");
        try {
            await page.waitForSelector(QUICK_INPUT, { visible: true, timeout: 5000 });
        } catch { continue; }
        await page.evaluate((sel) => { const box = document.querySelector(sel); box.select(); }, QUICK_INPUT);
        await page.keyboard.type(text);
        try {
            // The row whose label is exactly the one asked for, not whatever fuzzy matching put first.
            return await page.waitForFunction(
                (wanted) => Array.from(document.querySelectorAll(".quick-input-list .monaco-list-row"))
                    .find((r) => (r.getAttribute("aria-label") || "").split(",")[0].trim() === wanted),
                { timeout: 10000, polling: 100 }, label);
        } catch { continue; }
    }
    throw new Error(`no quick input row '${label}' for '${text}'`);
}

async function quickInput(text, label, timeout) {
    const row = await quickInputRow(text, label, timeout);
    await row.click();
    await page.waitForSelector(QUICK_INPUT, { hidden: true, timeout });
}

const handlers = {
    async open({ url, userDataDir, timeout = 120000 }) {
        browser = await puppeteer.launch({
            executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
            headless: true,
            userDataDir,
            args: CHROMIUM_FLAGS,
            protocolTimeout: timeout,
        });
        page = await browser.newPage();
        page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
        // VS Code may veto leaving the page while it still writes a file (a `beforeunload`
        // prompt, which no one answers headless): a reload leaves it, as a user who clicks Leave
        page.on("dialog", (dialog) => {
            process.stderr.write(`accepted a ${dialog.type()} dialog: ${dialog.message()}\n`);
            dialog.accept().catch(() => {});
        });
        await page.setViewport({ width: 1400, height: 900 });
        await page.goto(url, { waitUntil: "domcontentloaded", timeout });
        await workbenchReady(timeout);
        return true;
    },
    async reload({ timeout = 120000 }) {
        await page.reload({ waitUntil: "domcontentloaded", timeout });
        await workbenchReady(timeout);
        return true;
    },
    async command({ name, timeout = 30000 }) {
        await quickInput(">" + name, name, timeout);
        return true;
    },
    async quickOpen({ file, timeout = 30000 }) {
        // F1 then erasing the '>' gives the file picker, as Ctrl+P does.
        const row = await quickInputRow(file, file, timeout);
        await row.click();
        await page.waitForSelector(`.tab.active[aria-label^="${file}"]`, { timeout });
        // Focus the text itself: panels that open late (the chat) may have taken the focus.
        const text = ".editor-group-container.active .monaco-editor .view-lines";
        await page.waitForSelector(text, { visible: true, timeout });
        await page.click(text);
        await page.waitForFunction(
            () => document.activeElement?.closest(".editor-group-container.active .monaco-editor"),
            { timeout, polling: 100 });
        return true;
    },
    async type({ text, selector }) {
        if (selector) await page.click(selector);
        await page.keyboard.type(text);
        return true;
    },
    async press({ keys }) {
        // keys: ["Control+S"] style chords.
        for (const chord of keys) {
            const parts = chord.split("+");
            const key = parts.pop();
            for (const m of parts) await page.keyboard.down(m);
            await page.keyboard.press(key);
            for (const m of parts.reverse()) await page.keyboard.up(m);
        }
        return true;
    },
    async click({ selector, timeout = 30000 }) {
        await page.waitForSelector(selector, { visible: true, timeout });
        await page.click(selector);
        return true;
    },
    async chooseOption({ selector, option, timeout = 30000 }) {
        // VS Code draws its own drop-down for a <select>: open it, click the row.
        await page.waitForSelector(selector, { visible: true, timeout });
        await page.click(selector);
        const row = await page.waitForFunction(
            (wanted) => Array.from(document.querySelectorAll('.monaco-list-row[role="option"]'))
                .find((r) => r.querySelector(".option-text")?.textContent.trim() === wanted),
            { timeout, polling: 100 }, option);
        await row.click();
        await page.waitForFunction((sel, wanted) => document.querySelector(sel)?.value === wanted,
            { timeout, polling: 100 }, selector, option);
        return true;
    },
    async waitFor({ selector, timeout = 30000, hidden = false }) {
        await page.waitForSelector(selector, { timeout, hidden, visible: !hidden });
        return true;
    },
    async waitForFunction({ js, timeout = 30000 }) {
        await page.waitForFunction(js, { timeout, polling: 100 });
        return true;
    },
    async evaluate({ js }) {
        return await page.evaluate(js);
    },
    async screenshot({ path }) {
        await page.screenshot({ path });
        return path;
    },
    async consoleErrors() {
        return consoleErrors.slice();
    },
    async close() {
        if (browser) await browser.close();
        browser = null;
        return true;
    },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
    let reply;
    try {
        const request = JSON.parse(line);
        const handler = handlers[request.op];
        if (!handler) throw new Error(`unknown op ${request.op}`);
        reply = { ok: true, value: await handler(request) };
    } catch (error) {
        reply = { ok: false, error: String(error && error.stack || error) };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
}
if (browser) await browser.close();
