<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AsRunPanel</name>
    <message>
        <location filename="../asrun_panel.py" line="45" />
        <source>As-run today</source>
        <translation>今日播出记录</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="52" />
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="56" />
        <location filename="../asrun_panel.py" line="97" />
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="57" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="63" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="63" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="63" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="64" />
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="64" />
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="103" />
        <source>%1 lines · %2 aired · %3 blocked · %4 min on air</source>
        <translation>%1 句 · 已播 %2 · 拦截 %3 · 播出 %4 分钟</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="137" />
        <source>Export as-run CSV</source>
        <translation>导出播出记录 CSV</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="138" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="141" />
        <source>Exported %1 records to %2</source>
        <translation>已导出 %1 条记录到 %2</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../window.py" line="118" />
        <location filename="../window.py" line="336" />
        <source>Go live</source>
        <translation>开播</translation>
    </message>
    <message>
        <location filename="../window.py" line="119" />
        <source>Put the show on air in the stream window</source>
        <translation>在推流窗口中开始直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="120" />
        <location filename="../window.py" line="508" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../window.py" line="121" />
        <source>Pause at the end of the line, or resume</source>
        <translation>本句说完后暂停，或继续</translation>
    </message>
    <message>
        <location filename="../window.py" line="122" />
        <source>Skip line</source>
        <translation>跳过本句</translation>
    </message>
    <message>
        <location filename="../window.py" line="123" />
        <source>Cut the line on air and go on with the next</source>
        <translation>切掉正在播的这句，接着播下一句</translation>
    </message>
    <message>
        <location filename="../window.py" line="124" />
        <source>Next product</source>
        <translation>下一个商品</translation>
    </message>
    <message>
        <location filename="../window.py" line="125" />
        <source>Leave this product now and start the next</source>
        <translation>立即结束当前商品，开始讲下一个</translation>
    </message>
    <message>
        <location filename="../window.py" line="126" />
        <source>Interrupt…</source>
        <translation>插播…</translation>
    </message>
    <message>
        <location filename="../window.py" line="127" />
        <source>Pitch a product or say a one-off line next</source>
        <translation>接下来插播一个商品或一句临时话术</translation>
    </message>
    <message>
        <location filename="../window.py" line="128" />
        <source>Stop after product</source>
        <translation>讲完本商品后下播</translation>
    </message>
    <message>
        <location filename="../window.py" line="130" />
        <source>Go off air when the product on air is finished</source>
        <translation>当前商品讲完后下播</translation>
    </message>
    <message>
        <location filename="../window.py" line="131" />
        <source>Stop</source>
        <translation>下播</translation>
    </message>
    <message>
        <location filename="../window.py" line="132" />
        <source>Go off air now (asks first)</source>
        <translation>立即下播（会先确认）</translation>
    </message>
    <message>
        <location filename="../window.py" line="133" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../window.py" line="134" />
        <source>Open show…</source>
        <translation>打开节目…</translation>
    </message>
    <message>
        <location filename="../window.py" line="136" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../window.py" line="142" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../window.py" line="147" />
        <source>&amp;Show</source>
        <translation>节目(&amp;S)</translation>
    </message>
    <message>
        <location filename="../window.py" line="151" />
        <source>S&amp;ettings</source>
        <translation>设置(&amp;E)</translation>
    </message>
    <message>
        <location filename="../window.py" line="152" />
        <location filename="../window.py" line="326" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../window.py" line="156" />
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../window.py" line="182" />
        <location filename="../window.py" line="185" />
        <source>studio console — %1</source>
        <translation>studio 控制台 — %1</translation>
    </message>
    <message>
        <location filename="../window.py" line="242" />
        <source>%1 — cannot be loaded</source>
        <translation>%1 — 无法加载</translation>
    </message>
    <message>
        <location filename="../window.py" line="251" />
        <source>%1 errors — fix them and open the show again</source>
        <translation>%1 个错误 — 修正后请重新打开节目</translation>
    </message>
    <message>
        <location filename="../window.py" line="261" />
        <source>AI-content disclosure: always visible on air</source>
        <translation>AI 生成内容标识：直播中始终显示</translation>
    </message>
    <message>
        <location filename="../window.py" line="306" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../window.py" line="307" />
        <source>The edits could not be saved; they are still here.

%1</source>
        <translation>修改未能保存，仍保留在窗口中。

%1</translation>
    </message>
    <message>
        <location filename="../window.py" line="312" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../window.py" line="319" />
        <source>Open show folder</source>
        <translation>打开节目文件夹</translation>
    </message>
    <message>
        <location filename="../window.py" line="327" />
        <source>The language changes the next time the console starts.</source>
        <translation>语言将在下次启动控制台时生效。</translation>
    </message>
    <message>
        <location filename="../window.py" line="337" />
        <source>There are unsaved edits. The show goes on air as it is saved on disk. Go live anyway?</source>
        <translation>有未保存的修改。开播将使用磁盘上已保存的节目。仍要开播吗？</translation>
    </message>
    <message>
        <location filename="../window.py" line="343" />
        <source>Cannot go live</source>
        <translation>无法开播</translation>
    </message>
    <message>
        <location filename="../window.py" line="386" />
        <source>Going off air after this product</source>
        <translation>本商品讲完后下播</translation>
    </message>
    <message>
        <location filename="../window.py" line="408" />
        <location filename="../window.py" line="528" />
        <source>Stop the show</source>
        <translation>下播</translation>
    </message>
    <message>
        <location filename="../window.py" line="408" />
        <source>Go off air now? The line on air is cut.</source>
        <translation>立即下播吗？正在播的这句会被切断。</translation>
    </message>
    <message>
        <location filename="../window.py" line="427" />
        <source>Last show: %1 aired, %2 skipped, %3 blocked</source>
        <translation>上一场：已播 %1，跳过 %2，拦截 %3</translation>
    </message>
    <message>
        <location filename="../window.py" line="457" />
        <source>Waiting for the first line…</source>
        <translation>等待第一句…</translation>
    </message>
    <message>
        <location filename="../window.py" line="459" />
        <source>Up next: %1</source>
        <translation>接下来：%1</translation>
    </message>
    <message>
        <location filename="../window.py" line="480" />
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../window.py" line="480" />
        <source>silent clock</source>
        <translation>静音时钟</translation>
    </message>
    <message>
        <location filename="../window.py" line="483" />
        <source>stream %1 frames, %2 late</source>
        <translation>推流窗口 %1 帧，迟到 %2</translation>
    </message>
    <message>
        <location filename="../window.py" line="491" />
        <source>%1 aired · %2 blocked</source>
        <translation>已播 %1 · 拦截 %2</translation>
    </message>
    <message>
        <location filename="../window.py" line="499" />
        <source>Program</source>
        <translation>节目输出</translation>
    </message>
    <message>
        <location filename="../window.py" line="499" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../window.py" line="508" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../window.py" line="513" />
        <source>Saving is not available in this build yet (studio.show.editing is missing): edits stay in this window until you close it</source>
        <translation>此版本暂不支持保存（缺少 studio.show.editing）：修改只保留在本窗口，关闭后丢失</translation>
    </message>
    <message>
        <location filename="../window.py" line="516" />
        <source>Write the edits to the show files</source>
        <translation>把修改写入节目文件</translation>
    </message>
    <message>
        <location filename="../window.py" line="518" />
        <source>● unsaved edits</source>
        <translation>● 有未保存的修改</translation>
    </message>
    <message>
        <location filename="../window.py" line="528" />
        <source>The show is on air. Stop it and quit?</source>
        <translation>节目正在直播。下播并退出吗？</translation>
    </message>
    <message>
        <location filename="../window.py" line="533" />
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../window.py" line="533" />
        <source>Quit and lose the unsaved edits?</source>
        <translation>退出并放弃未保存的修改吗？</translation>
    </message>
</context>
<context>
    <name>InterruptDialog</name>
    <message>
        <location filename="../transport.py" line="114" />
        <source>Interrupt</source>
        <translation>插播</translation>
    </message>
    <message>
        <location filename="../transport.py" line="118" />
        <source>After the line on air, play this — then the rundown resumes where it was.</source>
        <translation>当前这句播完后插播以下内容，之后节目单从原处继续。</translation>
    </message>
    <message>
        <location filename="../transport.py" line="121" />
        <source>Pitch a product</source>
        <translation>插播商品</translation>
    </message>
    <message>
        <location filename="../transport.py" line="122" />
        <source>Say a one-off line</source>
        <translation>插播一句话</translation>
    </message>
    <message>
        <location filename="../transport.py" line="132" />
        <source>For example: 3号链接限时秒杀，最后五分钟！</source>
        <translation>例如：3号链接限时秒杀，最后五分钟！</translation>
    </message>
    <message>
        <location filename="../transport.py" line="137" />
        <source>A one-off line is checked for compliance like any other: blocked wording is not spoken.</source>
        <translation>临时话术同样经过合规检查：被拦截的措辞不会播出。</translation>
    </message>
</context>
<context>
    <name>PitchEditor</name>
    <message>
        <location filename="../editors.py" line="152" />
        <source>Pitch</source>
        <translation>话术</translation>
    </message>
    <message>
        <location filename="../editors.py" line="156" />
        <source>{variable}  {variant|variant}  — red wavy: blocked on air, orange: check</source>
        <translation>{变量}  {备选|备选}  — 红色波浪线：直播拦截，橙色：需核对</translation>
    </message>
    <message>
        <location filename="../editors.py" line="168" />
        <source>Select a line to edit it</source>
        <translation>选择一句话术进行编辑</translation>
    </message>
    <message>
        <location filename="../editors.py" line="197" />
        <source>This line has wording that is blocked on air</source>
        <translation>此句含有直播中会被拦截的措辞</translation>
    </message>
    <message>
        <location filename="../editors.py" line="227" />
        <source>Not applied — column %1: %2</source>
        <translation>未应用 — 第 %1 列：%2</translation>
    </message>
    <message>
        <location filename="../editors.py" line="238" />
        <source>No compliance findings</source>
        <translation>未发现合规问题</translation>
    </message>
    <message>
        <location filename="../editors.py" line="240" />
        <source>%1 blocked, %2 to check — hover an underline for the law and a rewrite</source>
        <translation>拦截 %1 处，需核对 %2 处 — 鼠标悬停下划线查看法规依据和改写建议</translation>
    </message>
</context>
<context>
    <name>PitchHighlighter</name>
    <message>
        <location filename="../highlight.py" line="35" />
        <source>Blocked on air</source>
        <translation>直播拦截</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="37" />
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="38" />
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="39" />
        <source>Suggested rewrite</source>
        <translation>建议改写</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../preview.py" line="138" />
        <source>Nothing to preview</source>
        <translation>没有可预览的内容</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <location filename="../editors.py" line="49" />
        <source>Product photo (the image file named in the product's file)</source>
        <translation>商品图片（商品文件中指定的图片）</translation>
    </message>
    <message>
        <location filename="../editors.py" line="66" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../editors.py" line="69" />
        <source>not shown</source>
        <translation>不显示</translation>
    </message>
    <message>
        <location filename="../editors.py" line="72" />
        <source>Selling points, separated by commas (，or ,)</source>
        <translation>卖点，用逗号分隔（，或 ,）</translation>
    </message>
    <message>
        <location filename="../editors.py" line="76" />
        <source>Original price</source>
        <translation>原价</translation>
    </message>
    <message>
        <location filename="../editors.py" line="80" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../editors.py" line="82" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../editors.py" line="83" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../editors.py" line="84" />
        <source>Link hint</source>
        <translation>链接提示</translation>
    </message>
    <message>
        <location filename="../editors.py" line="85" />
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <location filename="../editors.py" line="108" />
        <source>no image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location filename="../editors.py" line="116" />
        <source>A product needs a name.</source>
        <translation>商品需要名称。</translation>
    </message>
    <message>
        <location filename="../editors.py" line="125" />
        <source>'%1' is not an amount (for example 168 or 99.9).</source>
        <translation>“%1”不是金额（例如 168 或 99.9）。</translation>
    </message>
    <message>
        <location filename="../editors.py" line="128" />
        <source>The price is required.</source>
        <translation>价格必填。</translation>
    </message>
</context>
<context>
    <name>ShowBrowser</name>
    <message>
        <location filename="../browser.py" line="33" />
        <source>Rundowns</source>
        <translation>节目单</translation>
    </message>
    <message>
        <location filename="../browser.py" line="36" />
        <source>Schedule</source>
        <translation>排期</translation>
    </message>
    <message>
        <location filename="../browser.py" line="44" />
        <source>  · on air now</source>
        <translation>  · 正在播</translation>
    </message>
    <message>
        <location filename="../browser.py" line="54" />
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <location filename="../transport.py" line="62" />
        <source>Time on air (program clock)</source>
        <translation>播出时长（节目时钟）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="81" />
        <source>OFF AIR</source>
        <translation>未开播</translation>
    </message>
    <message>
        <location filename="../transport.py" line="83" />
        <source>Not on air — press Go live (F5)</source>
        <translation>未开播 — 按“开播”(F5)</translation>
    </message>
    <message>
        <location filename="../transport.py" line="90" />
        <source>ON AIR</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../transport.py" line="92" />
        <source>PAUSED</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../transport.py" line="94" />
        <source>PAUSING…</source>
        <translation>即将暂停…</translation>
    </message>
    <message>
        <location filename="../transport.py" line="96" />
        <source>STARTING</source>
        <translation>启动中</translation>
    </message>
</context>
</TS>