/**
 * Hostile comment bodies, for every test that puts reader text somewhere: the comment
 * renderer here, and browser tests of the article page, the moderation view, e-mails and
 * feeds. Each payload, if it ever ran, would set `window.__xss = 1` (or `parent.__xss`
 * from a frame, or call `alert`), so a browser test can stub `alert`, load the page and
 * check one canary.
 *
 * Every entry passes `validateCommentBody` (none is empty or over `MAX_COMMENT_LENGTH`),
 * so tests can post them through the real form and API.
 *
 * @example
 *   for (const body of HOSTILE_INPUTS) await postComment(page, body);
 *   assert.equal(await page.evaluate(() => (window as any).__xss), undefined);
 */

/** Script elements, spelled every way a filter might miss. */
const scripts = [
  '<script>window.__xss=1</script>',
  '<SCRIPT>window.__xss=1</SCRIPT>',
  '<ScRiPt>window.__xss=1</sCrIpT>',
  '<script >window.__xss=1</script >',
  '<script\n>window.__xss=1</script\n>',
  '<script/x>window.__xss=1</script>',
  '<script type="module">window.__xss=1</script>',
  '<script src="data:text/javascript,window.__xss=1"></script>',
  '<<script>window.__xss=1;//<</script>',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '</p><script>window.__xss=1</script><p>',
  '<!--><script>window.__xss=1</script>-->',
  '<![CDATA[<script>window.__xss=1</script>]]>',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '&#60;script&#62;window.__xss=1&#60;/script&#62;',
  '%3Cscript%3Ewindow.__xss=1%3C/script%3E',
  '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
  '<script>window.__xss=1',
];

/** Event handler attributes, including ones that fire without any user action. */
const handlers = [
  '<img src=x onerror=window.__xss=1>',
  '<img src=x onerror="window.__xss=1">',
  '<IMG SRC=x ONERROR=window.__xss=1>',
  '<img/src=x/onerror=window.__xss=1>',
  '<img src="x"onerror="window.__xss=1">',
  '<img src=x onerror\n=window.__xss=1>',
  '<img src=x onerror=&#119;indow.__xss=1>',
  '<img src=x onerror=window.__xss=1//',
  "<img src=x:x onerror=eval(atob('d2luZG93Ll9feHNzPTE='))>",
  "<img src=x onerror=window['__x'+'ss']=1>",
  '<body onload=window.__xss=1>',
  '<body onpageshow=window.__xss=1>',
  '<svg onload=window.__xss=1>',
  '<svg/onload=window.__xss=1>',
  '<div onmouseover="window.__xss=1">hover me</div>',
  '<a href="#" onclick="window.__xss=1">click</a>',
  '<p onpointerenter=window.__xss=1>point here</p>',
  '<input onfocus=window.__xss=1 autofocus>',
  '<select autofocus onfocus=window.__xss=1></select>',
  '<textarea autofocus onfocus=window.__xss=1></textarea>',
  '<x contenteditable autofocus onfocusin=window.__xss=1>x</x>',
  '<details open ontoggle=window.__xss=1>',
  '<video><source onerror=window.__xss=1></video>',
  '<audio src=x onerror=window.__xss=1>',
  '<marquee onstart=window.__xss=1>x</marquee>',
  '<input type="image" src=x onerror=window.__xss=1>',
  '<div style="animation-name:spin" onanimationstart=window.__xss=1>x</div>',
  '<frameset onload=window.__xss=1>',
];

/** Script URLs in Markdown links, autolinks and references, with every obfuscation. */
const markdownUrls = [
  '[x](javascript:window.__xss=1)',
  '[x](JaVaScRiPt:window.__xss=1)',
  '[x](<javascript:window.__xss=1>)',
  '[x](javascript:window.__xss=1 "title")',
  '[x](javascript&colon;window.__xss=1)',
  '[x](&#x6A;avascript:window.__xss=1)',
  '[x](&#106;avascript:window.__xss=1)',
  '[x](&#0000106;avascript:window.__xss=1)',
  '[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss=1)',
  '[x](java&#x09;script:window.__xss=1)',
  '[x](jav&#x0A;ascript:window.__xss=1)',
  '[x](&#x20;javascript:window.__xss=1)',
  '[x](java\tscript:window.__xss=1)',
  '[x](java\nscript:window.__xss=1)',
  '[x]( javascript:window.__xss=1 )',
  '[x](\u0001javascript:window.__xss=1)',
  '[x](javascript\\:window.__xss=1)',
  '[x](javascript://%0Awindow.__xss=1)',
  '[x](java%73cript:window.__xss=1)',
  '[](javascript:window.__xss=1)',
  '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[x](data:text/html,<script>window.__xss=1</script>)',
  '[x](DATA:text/html,%3Cscript%3Ewindow.__xss=1%3C/script%3E)',
  '[x](vbscript:window.__xss=1)',
  '[x](VBScript:execScript("window.__xss=1","javascript"))',
  '[x](mailto:javascript:window.__xss=1)',
  '[x](//evil.example/%0Awindow.__xss=1)',
  '<javascript:window.__xss=1>',
  '<JAVASCRIPT:window.__xss=1>',
  '<vbscript:window.__xss=1>',
  '<data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==>',
  'javascript:window.__xss=1',
  '[x][ref]\n\n[ref]: javascript:window.__xss=1',
  '[ref]\n\n[ref]: <javascript:window.__xss=1>',
  '[x][r]\n\n[r]: &#x6A;avascript:window.__xss=1 "t"',
  '[x][r]\n\n[r]: https://example.org "a\\" onmouseover=\\"window.__xss=1"',
];

/** Images: refused outright in comments, and a classic carrier of handlers. */
const images = [
  '![x](javascript:window.__xss=1)',
  '![x](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0id2luZG93Ll9feHNzPTEiLz4=)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x"onerror="window.__xss=1](https://example.org/a.png)',
  '![x](https://example.org/a.png"onerror="window.__xss=1)',
  '![x](https://example.org/a.png "t\\" onerror=\\"window.__xss=1")',
  '![<img src=x onerror=window.__xss=1>](https://example.org/a.png)',
  '[![x](https://example.org/a.png)](javascript:window.__xss=1)',
  '![x][img]\n\n[img]: javascript:window.__xss=1',
];

/** Links whose text or target tries to break out of the attribute or the element. */
const linkTricks = [
  '[x](https://example.org"onmouseover="window.__xss=1)',
  '[x](https://example.org \'a" onmouseover="window.__xss=1\')',
  '[<img src=x onerror=window.__xss=1>](https://example.org)',
  '[<script>window.__xss=1</script>](https://example.org)',
  '[[x](javascript:window.__xss=1)](https://example.org)',
  '[x](https://example.org)(javascript:window.__xss=1)',
  '[x](https://example.org){onclick=window.__xss=1}',
  'https://example.org/"onmouseover="window.__xss=1',
  'https://example.org/<script>window.__xss=1</script>',
  'www.example.org/?q=<img src=x onerror=window.__xss=1>',
  'mailto:x@example.org?body=<script>window.__xss=1</script>',
  '<https://example.org/" onmouseover="window.__xss=1>',
  '<x@example.org" onmouseover="window.__xss=1>',
  '<a href="javascript:window.__xss=1">x</a>',
  '<a href="jav&#x09;ascript:window.__xss=1">x</a>',
  '<a href=" &#14; javascript:window.__xss=1">x</a>',
  '<a href="javascript&colon;window.__xss=1">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss=1">x</a>',
  '<a href="https://example.org"><a href="javascript:window.__xss=1">x</a></a>',
];

/** SVG and MathML: foreign content with its own rules for script, links and styles. */
const foreign = [
  '<svg><script>window.__xss=1</script></svg>',
  '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:window.__xss=1"><text x=20 y=20>x</text></a></svg>',
  '<svg><a><animate attributeName=href values=javascript:window.__xss=1 /><text x=20 y=20>x</text></a></svg>',
  '<svg><foreignObject><iframe srcdoc="<script>parent.__xss=1</script>"></iframe></foreignObject></svg>',
  '<svg><desc><img src=x onerror=window.__xss=1></desc></svg>',
  '<svg><title><![CDATA[</title><script>window.__xss=1</script>]]></title></svg>',
  '<svg><style>@import "javascript:window.__xss=1";</style></svg>',
  '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">window.__xss=1</handler></svg>',
  '<math><maction actiontype="statusline" xlink:href="javascript:window.__xss=1">x</maction></math>',
  '<math href="javascript:window.__xss=1">click</math>',
  '<math><mi xlink:href="data:x,<script>window.__xss=1</script>">x</mi></math>',
];

/** Elements that load, navigate, submit or restyle: iframe, object, embed, base, meta, form, style, link. */
const embedding = [
  '<iframe src="javascript:parent.__xss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>',
  '<iframe src="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg=="></iframe>',
  '<object data="javascript:window.__xss=1"></object>',
  '<object data="data:text/html,<script>parent.__xss=1</script>"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<embed src="data:text/html,<script>parent.__xss=1</script>">',
  '<base href="javascript:window.__xss=1//"><a href="x">x</a>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<form><button formaction="javascript:window.__xss=1">go</button></form>',
  '<isindex action="javascript:window.__xss=1" type=submit>',
  '<link rel="stylesheet" href="javascript:window.__xss=1">',
  '<link rel=import href="data:text/html,<script>window.__xss=1</script>">',
  '<table background="javascript:window.__xss=1"><tr><td>x</td></tr></table>',
];

/** CSS that runs script in old engines or loads script URLs. */
const css = [
  '<style>@import "javascript:window.__xss=1";</style>',
  '<style>*{background:url("javascript:window.__xss=1")}</style>',
  '<style>body{x:expression(window.__xss=1)}</style>',
  '<div style="background:url(javascript:window.__xss=1)">x</div>',
  '<div style="width:expression(window.__xss=1)">x</div>',
  '<span style="x:\\65xpression(window.__xss=1)">x</span>',
  '<div style="background-image:url(&quot;javascript:window.__xss=1&quot;)">x</div>',
  '<p style="-moz-binding:url(data:text/xml,window.__xss=1)">x</p>',
];

/** Mutation XSS: markup that changes meaning when parsed, serialised and parsed again. */
const mutation = [
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<title><img src=x onerror=window.__xss=1></title>',
  '<textarea><img title="</textarea><img src=x onerror=window.__xss=1>">',
  '<style><img src="</style><img src=x onerror=window.__xss=1>">',
  '<svg><p><style><img src="</style><img src=x onerror=window.__xss=1>">',
  '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=1>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=window.__xss=1&gt;">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__xss=1>',
  '<xmp><p title="</xmp><img src=x onerror=window.__xss=1>">',
  '<iframe><p title="</iframe><img src=x onerror=window.__xss=1>">',
  '<noembed><p title="</noembed><img src=x onerror=window.__xss=1>">',
  '<noframes><p title="</noframes><img src=x onerror=window.__xss=1>">',
  '<plaintext><img src=x onerror=window.__xss=1>',
  '<!--><img src=x onerror=window.__xss=1>-->',
  '<!-- --!><img src=x onerror=window.__xss=1>-->',
  '<?xml version="1.0"?><img src=x onerror=window.__xss=1>',
];

/** Markdown constructs wrapped around HTML, and syntax the comment subset does not have. */
const markdownTricks = [
  '*<img src=x onerror=window.__xss=1>*',
  '**<script>window.__xss=1</script>**',
  '> <script>window.__xss=1</script>',
  '- <img src=x onerror=window.__xss=1>',
  '# <script>window.__xss=1</script>',
  'Setext\n===\n<script>window.__xss=1</script>',
  '`</code><script>window.__xss=1</script>`',
  '    <script>window.__xss=1</script>',
  '```html\n</code></pre><script>window.__xss=1</script>\n```',
  '```"><script>window.__xss=1</script>\nx\n```',
  '``` onmouseover=window.__xss=1\nx\n```',
  '<div>\n\n*hi*\n\n</div><script>window.__xss=1</script>',
  '| a |\n|---|\n| <img src=x onerror=window.__xss=1> |',
  '[^1]\n\n[^1]: <script>window.__xss=1</script>',
  '\\<script>window.__xss=1\\</script>',
  '1. <svg onload=window.__xss=1>\n2. x',
];

/** Unicode that hides, reorders or imitates markup. */
const unicode = [
  '\u202e[x](javascript:window.__xss=1)',
  '[https://example.org](https://evil.example/\u202egro.elpmaxe)',
  '[x](java\u200bscript:window.__xss=1)',
  '[x](java\u200dscript:window.__xss=1)',
  '[x](java\ufeffscript:window.__xss=1)',
  '[x](\u2066javascript:window.__xss=1\u2069)',
  '\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e',
  '\uff1cimg src=x onerror=window.__xss=1\uff1e',
  '<scr\u0456pt>window.__xss=1</scr\u0456pt>',
  '[x](j\u0430vascript:window.__xss=1)',
  '\u00bcscript\u00bewindow.__xss=1\u00bc/script\u00be',
  '<script\u0000>window.__xss=1</script>',
  '<scr\u0000ipt>window.__xss=1</scr\u0000ipt>',
  '[x](\u0000javascript:window.__xss=1)',
  '<a href="java\u0000script:window.__xss=1">x</a>',
  '<img src=x\u000conerror=window.__xss=1>',
  '\u2028<script>window.__xss=1</script>\u2029',
  '\ud800<script>window.__xss=1</script>\udfff',
  'https://ex\u0430mple.org/\u202e<script>window.__xss=1</script>',
];

/** Meant for places that put reader text (or a reader's name) into attributes, titles, CDATA or script. */
const breakouts = [
  '" onmouseover="window.__xss=1',
  "' onmouseover='window.__xss=1",
  '` onmouseover=window.__xss=1 `',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '"/><svg onload=window.__xss=1>',
  '</title><script>window.__xss=1</script>',
  '</textarea><script>window.__xss=1</script>',
  ']]><script>window.__xss=1</script><![CDATA[',
  '--><script>window.__xss=1</script><!--',
  '</script><script>window.__xss=1</script>',
  '"};window.__xss=1;//',
  '\u2028window.__xss=1//',
];

/** Strings that client-side template engines would evaluate if comment text reached them. */
const templates = [
  "{{constructor.constructor('window.__xss=1')()}}",
  "{{$on.constructor('window.__xss=1')()}}",
  "{{__proto__.constructor.constructor('window.__xss=1')()}}",
  "<x ng-app>{{constructor.constructor('alert(1)')()}}</x>",
  '<div v-html="\'<img src=x onerror=window.__xss=1>\'"></div>',
  '${window.__xss=1}',
  '#{window.__xss=1}',
  '<%= window.__xss=1 %>',
  '[[${window.__xss=1}]]',
  '{"__proto__":{"innerHTML":"<img src=x onerror=window.__xss=1>"}}',
];

/** Long and pathological inputs: parser backtracking, deep nesting, the length limit. */
const long = [
  '<'.repeat(5_000) + '<script>window.__xss=1</script>',
  '['.repeat(9_000) + 'x](javascript:window.__xss=1)',
  '*'.repeat(9_000) + '<img src=x onerror=window.__xss=1>',
  '`'.repeat(9_000) + '<script>window.__xss=1</script>',
  '> '.repeat(500) + '<script>window.__xss=1</script>',
  '- '.repeat(500) + '<img src=x onerror=window.__xss=1>',
  '[x](javascript:window.__xss=1) '.repeat(600),
  'a'.repeat(19_000) + '<script>window.__xss=1</script>',
  'https://example.org/' + 'a'.repeat(9_000) + '"onmouseover="window.__xss=1',
  '<img src=x onerror=window.__xss=1>\n'.repeat(500),
];

/**
 * All hostile inputs, each a complete comment body.
 *
 * @example
 *   for (const body of HOSTILE_INPUTS) assert.doesNotMatch(renderComment(body).toString(), /<script/i);
 */
export const HOSTILE_INPUTS: readonly string[] = Object.freeze([
  ...scripts,
  ...handlers,
  ...markdownUrls,
  ...images,
  ...linkTricks,
  ...foreign,
  ...embedding,
  ...css,
  ...mutation,
  ...markdownTricks,
  ...unicode,
  ...breakouts,
  ...templates,
  ...long,
]);
