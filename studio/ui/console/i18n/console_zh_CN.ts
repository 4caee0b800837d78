<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AsRunPanel</name>
    <message>
        <location filename="../asrun_panel.py" line="53" />
        <source>As-run today</source>
        <translation>今日播出记录</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="60" />
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="64" />
        <location filename="../asrun_panel.py" line="112" />
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="65" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="71" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="71" />
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="71" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="72" />
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="72" />
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="118" />
        <source>%1 lines · %2 aired · %3 blocked · %4 min on air</source>
        <translation>%1 句 · 已播 %2 · 拦截 %3 · 播出 %4 分钟</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="152" />
        <source>Export as-run CSV</source>
        <translation>导出播出记录 CSV</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="153" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="159" />
        <source>Could not export to %1: %2 — close it in other programs or choose another folder</source>
        <translation>无法导出到 %1：%2 —— 请在其他程序中关闭该文件，或选择其他文件夹</translation>
    </message>
    <message>
        <location filename="../asrun_panel.py" line="162" />
        <source>Exported %1 records to %2</source>
        <translation>已导出 %1 条记录到 %2</translation>
    </message>
</context>
<context>
    <name>ConsoleActions</name>
    <message>
        <location filename="../actions.py" line="54" />
        <source>Go live</source>
        <translation>开播</translation>
    </message>
    <message>
        <location filename="../actions.py" line="55" />
        <source>Put the show on air in the stream window</source>
        <translation>在推流窗口中开始直播</translation>
    </message>
    <message>
        <location filename="../actions.py" line="56" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../actions.py" line="57" />
        <source>Pause at the end of the line, or resume</source>
        <translation>本句说完后暂停，或继续</translation>
    </message>
    <message>
        <location filename="../actions.py" line="58" />
        <source>Skip line</source>
        <translation>跳过本句</translation>
    </message>
    <message>
        <location filename="../actions.py" line="59" />
        <source>Cut the line on air and go on with the next</source>
        <translation>切掉正在播的这句，接着播下一句</translation>
    </message>
    <message>
        <location filename="../actions.py" line="60" />
        <source>Next product</source>
        <translation>下一个商品</translation>
    </message>
    <message>
        <location filename="../actions.py" line="61" />
        <source>Leave this product now and start the next</source>
        <translation>立即结束当前商品，开始讲下一个</translation>
    </message>
    <message>
        <location filename="../actions.py" line="62" />
        <source>Interrupt…</source>
        <translation>插播…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="63" />
        <source>Pitch a product or say a one-off line next</source>
        <translation>接下来插播一个商品或一句临时话术</translation>
    </message>
    <message>
        <location filename="../actions.py" line="64" />
        <source>Stop after product</source>
        <translation>讲完本商品后下播</translation>
    </message>
    <message>
        <location filename="../actions.py" line="66" />
        <source>Go off air when the product on air is finished</source>
        <translation>当前商品讲完后下播</translation>
    </message>
    <message>
        <location filename="../actions.py" line="67" />
        <source>Stop</source>
        <translation>下播</translation>
    </message>
    <message>
        <location filename="../actions.py" line="68" />
        <source>Go off air now (asks first)</source>
        <translation>立即下播（会先确认）</translation>
    </message>
    <message>
        <location filename="../actions.py" line="69" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../actions.py" line="70" />
        <source>New show…</source>
        <translation>新建节目…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="71" />
        <source>Start a new show from a starter in an empty folder</source>
        <translation>在一个空文件夹中用入门模板新建节目</translation>
    </message>
    <message>
        <location filename="../actions.py" line="72" />
        <source>Open show…</source>
        <translation>打开节目…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="74" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../actions.py" line="75" />
        <source>Import products from CSV…</source>
        <translation>从 CSV 导入商品…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="76" />
        <source>Add products from a spreadsheet's CSV</source>
        <translation>从表格导出的 CSV 添加商品</translation>
    </message>
    <message>
        <location filename="../actions.py" line="77" />
        <source>Edit schedule…</source>
        <translation>编辑排期…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="78" />
        <source>Draw the weekly windows on a grid</source>
        <translation>在周历网格上绘制播出时段</translation>
    </message>
    <message>
        <location filename="../actions.py" line="79" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="80" />
        <source>Voice, avatar and outputs for going live</source>
        <translation>声音、形象和开播输出</translation>
    </message>
    <message>
        <location filename="../actions.py" line="82" />
        <source>Prepare speech</source>
        <translation>预先合成语音</translation>
    </message>
    <message>
        <location filename="../actions.py" line="83" />
        <source>Synthesize every line of the show ahead of time, so going live starts at once</source>
        <translation>提前合成节目中的每一句话术，开播时即可立即播出</translation>
    </message>
    <message>
        <location filename="../actions.py" line="84" />
        <source>Render preview video…</source>
        <translation>渲染预览视频…</translation>
    </message>
    <message>
        <location filename="../actions.py" line="85" />
        <source>Render the selected product's pitch to an MP4 file</source>
        <translation>将所选商品的讲解渲染为 MP4 文件</translation>
    </message>
    <message>
        <location filename="../actions.py" line="91" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="98" />
        <source>&amp;Show</source>
        <translation>节目(&amp;S)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="105" />
        <source>S&amp;chedule</source>
        <translation>排期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="107" />
        <source>S&amp;ettings</source>
        <translation>设置(&amp;E)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="109" />
        <location filename="../actions.py" line="124" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../actions.py" line="113" />
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../actions.py" line="125" />
        <source>The language changes the next time the console starts.</source>
        <translation>语言将在下次启动控制台时生效。</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../window.py" line="229" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../window.py" line="102" />
        <location filename="../window.py" line="105" />
        <source>studio console — %1</source>
        <translation>studio 控制台 — %1</translation>
    </message>
    <message>
        <location filename="../window.py" line="156" />
        <location filename="../window.py" line="235" />
        <source>This show cannot be edited here: %1</source>
        <translation>此节目无法在这里编辑：%1</translation>
    </message>
    <message>
        <location filename="../window.py" line="165" />
        <source>%1 — cannot be loaded</source>
        <translation>%1 — 无法加载</translation>
    </message>
    <message>
        <location filename="../window.py" line="174" />
        <source>%1 errors — fix them and open the show again</source>
        <translation>%1 个错误 — 修正后请重新打开节目</translation>
    </message>
    <message>
        <location filename="../window.py" line="184" />
        <source>AI-content disclosure: always visible on air</source>
        <translation>AI 生成内容标识：直播中始终显示</translation>
    </message>
    <message>
        <location filename="../window.py" line="249" />
        <source>Stop the show</source>
        <translation>下播</translation>
    </message>
    <message>
        <location filename="../window.py" line="213" />
        <source>Program</source>
        <translation>节目输出</translation>
    </message>
    <message>
        <location filename="../window.py" line="213" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../window.py" line="229" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../window.py" line="237" />
        <source>Write the edits to the show files</source>
        <translation>把修改写入节目文件</translation>
    </message>
    <message>
        <location filename="../window.py" line="239" />
        <source>● unsaved edits</source>
        <translation>● 有未保存的修改</translation>
    </message>
    <message>
        <location filename="../window.py" line="249" />
        <source>The show is on air. Stop it and quit?</source>
        <translation>节目正在直播。下播并退出吗？</translation>
    </message>
    <message>
        <location filename="../window.py" line="253" />
        <source>Save the edits before quitting?</source>
        <translation>退出前，先保存修改吗？</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../csv_dialog.py" line="45" />
        <source>Import products from CSV</source>
        <translation>从 CSV 导入商品</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="58" />
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="62" />
        <source>Choose a CSV file exported from a spreadsheet (columns: 名称/name, 价格/price, 原价, 图片, 卖点, 库存, 链接).</source>
        <translation>选择从表格导出的 CSV 文件（列：名称、价格、原价、图片、卖点、库存、链接）。</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="66" />
        <source>Products to create</source>
        <translation>将创建的商品</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="70" />
        <source>Rows that cannot be imported</source>
        <translation>无法导入的行</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="74" />
        <source>Notes (imported, but worth a look)</source>
        <translation>提示（会导入，但请留意）</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="79" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="82" />
        <source>Recognise (UTF-8, UTF-16, GBK)</source>
        <translation>自动识别（UTF-8、UTF-16、GBK）</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="88" />
        <source>Append to rundown</source>
        <translation>追加到节目单</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="91" />
        <source>(none)</source>
        <translation>（不追加）</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="98" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="119" />
        <source>Products CSV</source>
        <translation>商品 CSV</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="120" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="147" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="148" />
        <source>Cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="166" />
        <source>row %1: %2 — %3 (id %4)</source>
        <translation>第 %1 行：%2 — %3（ID %4）</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="172" />
        <source>%1 products to import, %2 rows not imported, %3 notes (%4, separated by “%5”)</source>
        <translation>将导入 %1 个商品，%2 行无法导入，%3 条提示（%4，分隔符“%5”）</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="185" />
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="186" />
        <source>rows %1–%2</source>
        <translation>第 %1–%2 行</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="207" />
        <source>Importing %1 products…</source>
        <translation>正在导入 %1 个商品…</translation>
    </message>
    <message>
        <location filename="../csv_dialog.py" line="208" />
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
</context>
<context>
    <name>FaqEditor</name>
    <message>
        <location filename="../faq_editor.py" line="45" />
        <source>FAQ</source>
        <translation>常见问题</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="51" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="52" />
        <source>Add a question and its answer</source>
        <translation>添加一个问题及其回答</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="57" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="58" />
        <source>Remove the selected question</source>
        <translation>删除所选问题</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="69" />
        <source>Keywords, separated by commas or 、</source>
        <translation>关键词，用逗号或顿号（、）分隔</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="70" />
        <source>Viewer comments with one of these words get this answer</source>
        <translation>观众评论中含有其中任一关键词时，用此回答</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="75" />
        <source>The answer, one line per line</source>
        <translation>回答，每行一句</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="159" />
        <source>A question needs at least one keyword.</source>
        <translation>问题至少需要一个关键词。</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="162" />
        <source>A question needs an answer.</source>
        <translation>问题需要回答。</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="167" />
        <source>Not applied — column %1: %2</source>
        <translation>未应用 — 第 %1 列：%2</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="171" />
        <location filename="../faq_editor.py" line="187" />
        <location filename="../faq_editor.py" line="202" />
        <source>Not applied — %1</source>
        <translation>未应用 — %1</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="185" />
        <source>keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../faq_editor.py" line="185" />
        <source>New answer</source>
        <translation>新回答</translation>
    </message>
</context>
<context>
    <name>FileCommands</name>
    <message>
        <location filename="../file_commands.py" line="48" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="48" />
        <source>%1

Save anyway and overwrite it?</source>
        <translation>%1

仍要保存并覆盖它吗？</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="53" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="54" />
        <source>The edits could not be saved; they are still here.

%1</source>
        <translation>修改未能保存，仍保留在窗口中。

%1</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="62" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="78" />
        <source>Save the edits before opening another show?</source>
        <translation>打开其他节目前，先保存修改吗？</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="81" />
        <source>Open show folder</source>
        <translation>打开节目文件夹</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="89" />
        <source>Save the edits before starting a new show?</source>
        <translation>新建节目前，先保存修改吗？</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="99" />
        <source>New show: choose an empty folder</source>
        <translation>新建节目：选择一个空文件夹</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="104" />
        <location filename="../file_commands.py" line="117" />
        <source>New show</source>
        <translation>新建节目</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="104" />
        <source>Language of the show:</source>
        <translation>节目语言：</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="120" />
        <source>New show in %1</source>
        <translation>已在 %1 新建节目</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="147" />
        <location filename="../file_commands.py" line="165" />
        <source>Not applied — %1</source>
        <translation>未应用 — %1</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="172" />
        <source>Import products from CSV</source>
        <translation>从 CSV 导入商品</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="173" />
        <source>The edits are saved first. Save them now?</source>
        <translation>导入前需要先保存修改。现在保存吗？</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="188" />
        <source>Imported %1 products</source>
        <translation>已导入 %1 个商品</translation>
    </message>
    <message>
        <location filename="../file_commands.py" line="193" />
        <source>Unsaved edits</source>
        <translation>未保存的修改</translation>
    </message>
</context>
<context>
    <name>InterruptDialog</name>
    <message>
        <location filename="../transport.py" line="145" />
        <source>Interrupt</source>
        <translation>插播</translation>
    </message>
    <message>
        <location filename="../transport.py" line="149" />
        <source>After the line on air, play this — then the rundown resumes where it was.</source>
        <translation>当前这句播完后插播以下内容，之后节目单从原处继续。</translation>
    </message>
    <message>
        <location filename="../transport.py" line="152" />
        <source>Pitch a product</source>
        <translation>插播商品</translation>
    </message>
    <message>
        <location filename="../transport.py" line="153" />
        <source>Say a one-off line</source>
        <translation>插播一句话</translation>
    </message>
    <message>
        <location filename="../transport.py" line="163" />
        <source>For example: 3号链接限时秒杀，最后五分钟！</source>
        <translation>例如：3号链接限时秒杀，最后五分钟！</translation>
    </message>
    <message>
        <location filename="../transport.py" line="168" />
        <source>A one-off line is checked for compliance like any other: blocked wording is not spoken.</source>
        <translation>临时话术同样经过合规检查：被拦截的措辞不会播出。</translation>
    </message>
</context>
<context>
    <name>LineEdit</name>
    <message>
        <location filename="../highlight.py" line="161" />
        <source>Approve wording: %1</source>
        <translation>批准用语：%1</translation>
    </message>
</context>
<context>
    <name>LiveControl</name>
    <message>
        <location filename="../live_control.py" line="88" />
        <source>Go live</source>
        <translation>开播</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="89" />
        <source>There are unsaved edits. The show goes on air as it is saved on disk. Go live anyway?</source>
        <translation>有未保存的修改。开播将使用磁盘上已保存的节目。仍要开播吗？</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="101" />
        <source>Cannot go live</source>
        <translation>无法开播</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="144" />
        <source>Going off air after this product</source>
        <translation>本商品讲完后下播</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="166" />
        <source>Stop the show</source>
        <translation>下播</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="166" />
        <source>Go off air now? The line on air is cut.</source>
        <translation>立即下播吗？正在播的这句会被切断。</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="185" />
        <source>Last show: %1 aired, %2 skipped, %3 blocked</source>
        <translation>上一场：已播 %1，跳过 %2，拦截 %3</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="215" />
        <source>Waiting for the first line…</source>
        <translation>等待第一句…</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="217" />
        <source>Up next: %1</source>
        <translation>接下来：%1</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="240" />
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="240" />
        <source>silent clock</source>
        <translation>静音时钟</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="243" />
        <source>stream %1 frames, %2 late</source>
        <translation>推流窗口 %1 帧，迟到 %2</translation>
    </message>
    <message>
        <location filename="../live_control.py" line="251" />
        <source>%1 aired · %2 blocked</source>
        <translation>已播 %1 · 拦截 %2</translation>
    </message>
</context>
<context>
    <name>LongWork</name>
    <message>
        <location filename="../long_work.py" line="81" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="91" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="101" />
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="108" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="115" />
        <source>Preparing speech…</source>
        <translation>正在预先合成语音…</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="122" />
        <source>Speech preparation cancelled: %1 of %2 lines ready</source>
        <translation>已取消语音合成：%2 句中已完成 %1 句</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="125" />
        <source>Speech ready: %1 lines (%2 were already cached), %3 failed</source>
        <translation>语音已就绪：共 %1 句（%2 句已在缓存中），%3 句失败</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="134" />
        <source>Render preview video</source>
        <translation>渲染预览视频</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="135" />
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="165" />
        <source>Rendering the preview video…</source>
        <translation>正在渲染预览视频…</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="170" />
        <source>Rendering cancelled; the partial file was deleted</source>
        <translation>已取消渲染，未完成的文件已删除</translation>
    </message>
    <message>
        <location filename="../long_work.py" line="174" />
        <source>Wrote %1 (%2 s)</source>
        <translation>已写入 %1（%2 秒）</translation>
    </message>
</context>
<context>
    <name>PitchEditor</name>
    <message>
        <location filename="../pitch_editor.py" line="57" />
        <source>Pitch</source>
        <translation>话术</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="78" />
        <source>Select a line to edit it</source>
        <translation>选择一句话术进行编辑</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="116" />
        <source>Add line</source>
        <translation>添加一句</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="117" />
        <source>Add a new line after the selected one</source>
        <translation>在选中的这句后面添加一句</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="118" />
        <source>Remove line</source>
        <translation>删除本句</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="119" />
        <source>Remove the selected line (Undo puts it back)</source>
        <translation>删除选中的这句（撤销可恢复）</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="120" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="121" />
        <source>Move the selected line up</source>
        <translation>把选中的这句上移</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="122" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="123" />
        <source>Move the selected line down</source>
        <translation>把选中的这句下移</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="124" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="61" />
        <source>{variable}  {variant|variant}  — red wavy: blocked on air, orange: check (skipped on air until approved), green dotted: approved</source>
        <translation>{变量}  {备选|备选}  — 红色波浪线：直播拦截，橙色：需核对（批准前直播时跳过），绿色点线：已批准</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="125" />
        <source>Undo the last add, remove, move, cue change or approval</source>
        <translation>撤销上一次添加、删除、移动、提示设置的修改或批准</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="126" />
        <source>Approve wording</source>
        <translation>批准用语</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="127" />
        <source>Approve the warning wording of the selected line (全球首发, 首家…) so it airs as written; saved with Save, Undo takes it back</source>
        <translation>批准所选话术中的提示用语（全球首发、首家…），让它按原文播出；点“保存”写入文件，“撤销”可收回</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="149" />
        <source>Neutral</source>
        <translation>平静</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="149" />
        <source>Smile</source>
        <translation>微笑</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="149" />
        <source>Excited</source>
        <translation>兴奋</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="150" />
        <source>Surprised</source>
        <translation>惊讶</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="150" />
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="151" />
        <source>Point</source>
        <translation>指向</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="151" />
        <source>Wave</source>
        <translation>挥手</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="151" />
        <source>Nod</source>
        <translation>点头</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="152" />
        <source>Present</source>
        <translation>展示</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="153" />
        <source>Show card</source>
        <translation>显示商品卡</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="153" />
        <source>Hide card</source>
        <translation>隐藏商品卡</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="154" />
        <source>Highlight price</source>
        <translation>突出价格</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="154" />
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="168" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="169" />
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="170" />
        <source>Silence after the line, in seconds (default: the show's pause between lines)</source>
        <translation>这句说完后的停顿（秒；默认：节目设置的句间停顿）</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="171" />
        <source>Show default (%1)</source>
        <translation>节目默认（%1）</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="172" />
        <source>Chinese (zh-CN)</source>
        <translation>中文（zh-CN）</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="172" />
        <source>English (en-US)</source>
        <translation>英文（en-US）</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="173" />
        <source>Expression</source>
        <translation>表情</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="173" />
        <source>Gesture</source>
        <translation>手势</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="174" />
        <source>Card</source>
        <translation>商品卡</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="174" />
        <source>Pause after</source>
        <translation>句后停顿</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="175" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="231" />
        <source>This line has wording that is blocked on air</source>
        <translation>此句含有直播中会被拦截的措辞</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="234" />
        <source>Skipped on air until its warning wording is approved: %1</source>
        <translation>其中的提示用语批准前，直播时会跳过此句：%1</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="239" />
        <source>Approved wording: %1</source>
        <translation>已批准的用语：%1</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="329" />
        <source>Not applied — column %1: %2</source>
        <translation>未应用 — 第 %1 列：%2</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="362" />
        <source>New line</source>
        <translation>新的一句</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="367" />
        <source>Line %1 added</source>
        <translation>已添加第 %1 句</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="380" />
        <source>Line %1 removed — Undo (Ctrl+Z) puts it back</source>
        <translation>已删除第 %1 句 — 撤销（Ctrl+Z）可恢复</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="419" />
        <source>Approved: %1 — it airs as written once saved; Undo (Ctrl+Z) takes it back</source>
        <translation>已批准：%1 — 保存后按原文播出；撤销（Ctrl+Z）可收回</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="436" />
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="448" />
        <source>Not applied — %1</source>
        <translation>未应用 — %1</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="458" />
        <source>No compliance findings</source>
        <translation>未发现合规问题</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="460" />
        <source>%1 blocked, %2 skipped on air until approved, %3 approved — hover an underline for the law, right-click a warning to approve it</source>
        <translation>拦截 %1 处，批准前直播时跳过 %2 处，已批准 %3 处 — 鼠标悬停下划线查看法规依据，右键提示用语可批准</translation>
    </message>
    <message>
        <location filename="../pitch_editor.py" line="464" />
        <source>%1 blocked, %2 to check — hover an underline for the law and a rewrite</source>
        <translation>拦截 %1 处，需核对 %2 处 — 鼠标悬停下划线查看法规依据和改写建议</translation>
    </message>
</context>
<context>
    <name>PitchHighlighter</name>
    <message>
        <location filename="../highlight.py" line="54" />
        <source>Blocked on air</source>
        <translation>直播拦截</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="56" />
        <source>Approved wording: airs as written</source>
        <translation>已批准的用语：按原文播出</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="58" />
        <source>Warning — skipped on air until approved (right-click: Approve wording)</source>
        <translation>提示用语 — 批准前直播时会跳过（右键：批准用语）</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="61" />
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="62" />
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../highlight.py" line="63" />
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
        <location filename="../product_editor.py" line="92" />
        <source>Product photo (the image file named in the product's file)</source>
        <translation>商品图片（商品文件中指定的图片）</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="100" />
        <source>Choose photo…</source>
        <translation>选择图片…</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="103" />
        <source>Copy a PNG, JPEG, WebP or BMP image into the show's media folder and use it as this product's photo</source>
        <translation>将 PNG、JPEG、WebP 或 BMP 图片复制到节目的 media 文件夹，并用作该商品的图片</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="116" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="119" />
        <source>not shown</source>
        <translation>不显示</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="122" />
        <source>Selling points, separated by commas (，or ,)</source>
        <translation>卖点，用逗号分隔（，或 ,）</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="126" />
        <source>Original price</source>
        <translation>原价</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="130" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="132" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="133" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="134" />
        <source>Link hint</source>
        <translation>链接提示</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="135" />
        <source>Selling points</source>
        <translation>卖点</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="154" />
        <source>Choose the product photo</source>
        <translation>选择商品图片</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="155" />
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="174" />
        <source>'%1' is not a PNG, JPEG, WebP or BMP image.</source>
        <translation>“%1”不是 PNG、JPEG、WebP 或 BMP 图片。</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="176" />
        <source>'%1' cannot be read as an image.</source>
        <translation>“%1”无法作为图片读取。</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="178" />
        <source>'%1' cannot be used as a photo: %2</source>
        <translation>“%1”不能用作商品图片：%2</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="180" />
        <source>'%1' could not be copied into media/: %2</source>
        <translation>“%1”无法复制到 media/：%2</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="186" />
        <location filename="../product_editor.py" line="219" />
        <source>Not applied — %1</source>
        <translation>未应用 — %1</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="205" />
        <source>no image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="214" />
        <source>A product needs a name.</source>
        <translation>商品需要名称。</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="227" />
        <source>'%1' is not an amount (for example 168 or 99.9).</source>
        <translation>“%1”不是金额（例如 168 或 99.9）。</translation>
    </message>
    <message>
        <location filename="../product_editor.py" line="230" />
        <source>The price is required.</source>
        <translation>价格必填。</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../schedule_editor.py" line="354" />
        <source>Edit the weekly schedule</source>
        <translation>编辑每周排期</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="357" />
        <source>Rundown</source>
        <translation>节目单</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="365" />
        <source>Delete window</source>
        <translation>删除时段</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="370" />
        <source>Drag on a day to draw a window (15-minute steps); drag a block to move it, its edges to resize it; Delete removes it.</source>
        <translation>在某一天上拖动即可绘制时段（15 分钟一格）；拖动色块可移动，拖动上下边缘可调整长短；按 Delete 删除。</translation>
    </message>
</context>
<context>
    <name>ScheduleGrid</name>
    <message>
        <location filename="../schedule_editor.py" line="175" />
        <source>Refused: %1–%2 overlaps the window %3–%4 (%5)</source>
        <translation>不允许：%1–%2 与时段 %3–%4（%5）重叠</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="282" />
        <source>The show has no rundown to schedule</source>
        <translation>节目没有可排期的节目单</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="313" />
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="313" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="313" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="313" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="313" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="313" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../schedule_editor.py" line="314" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="171" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="182" />
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="183" />
        <source>Avatar</source>
        <translation>形象</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="184" />
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="203" />
        <location filename="../settings_dialog.py" line="271" />
        <source>Automatic (by the show's language)</source>
        <translation>自动（按节目语言）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="207" />
        <source>Voice (%1)</source>
        <translation>声音（%1）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="214" />
        <source>Rate</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="221" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="222" />
        <source>Test voice</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="244" />
        <source>%1 words/min</source>
        <translation>%1 词/分钟</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="261" />
        <source>Listing the installed voices…</source>
        <translation>正在列出已安装的声音…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="266" />
        <source>Cannot list the voices: %1</source>
        <translation>无法列出声音：%1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="276" />
        <source>%1 (not installed)</source>
        <translation>%1（未安装）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="279" />
        <source>%1 voices speak %2</source>
        <translation>%1 个声音支持 %2</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="292" />
        <source>Synthesizing a test line…</source>
        <translation>正在合成试听语句…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="298" />
        <location filename="../settings_dialog.py" line="301" />
        <source>The test line failed: %1</source>
        <translation>试听失败：%1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="310" />
        <source>No audio output found: the voice works, but there is no sound device to play it on.</source>
        <translation>未找到音频输出：声音合成正常，但没有可播放的声音设备。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="324" />
        <source>Playing the test line</source>
        <translation>正在播放试听语句</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="344" />
        <location filename="../settings_dialog.py" line="385" />
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="347" />
        <source>Avatar pack</source>
        <translation>形象包</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="349" />
        <source>Pack folder…</source>
        <translation>形象包文件夹…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="354" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="368" />
        <source>Avatar pack folder</source>
        <translation>形象包文件夹</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="379" />
        <source>The pack folder must be inside the show folder (%1)</source>
        <translation>形象包文件夹必须位于节目文件夹内（%1）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="405" />
        <source>This pack cannot be used</source>
        <translation>此形象包无法使用</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="422" />
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="426" />
        <source>empty: do not record</source>
        <translation>留空：不录制</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="427" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="434" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="441" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="442" />
        <source>New file every</source>
        <translation>每隔多久新建文件</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="444" />
        <source>RTMP push</source>
        <translation>RTMP 推流</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="449" />
        <source>Server URL</source>
        <translation>推流地址</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="454" />
        <source>saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="455" />
        <location filename="../settings_dialog.py" line="479" />
        <source>stream key (推流码)</source>
        <translation>推流码</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="456" />
        <source>Stream key</source>
        <translation>推流码</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="457" />
        <source>Forget the saved key</source>
        <translation>删除已保存的推流码</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="461" />
        <source>The key is kept only for you in %1, never in the show files.</source>
        <translation>推流码只保存在 %1，仅你本人可读，不会写入节目文件。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="472" />
        <source>Recording folder</source>
        <translation>录制文件夹</translation>
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
        <location filename="../transport.py" line="63" />
        <source>Time on air (program clock)</source>
        <translation>播出时长（节目时钟）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="86" />
        <source>OFF AIR</source>
        <translation>未开播</translation>
    </message>
    <message>
        <location filename="../transport.py" line="88" />
        <source>Not on air — press Go live (F5)</source>
        <translation>未开播 — 按“开播”(F5)</translation>
    </message>
    <message>
        <location filename="../transport.py" line="96" />
        <source>ON AIR</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../transport.py" line="98" />
        <source>PAUSED</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../transport.py" line="100" />
        <source>PAUSING…</source>
        <translation>即将暂停…</translation>
    </message>
    <message>
        <location filename="../transport.py" line="102" />
        <source>STARTING</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../transport.py" line="114" />
        <source>AS-RUN NOT SAVED · %1 waiting</source>
        <translation>播出记录未保存 · %1 条待写入</translation>
    </message>
    <message>
        <location filename="../transport.py" line="115" />
        <source>The as-run records cannot be written: %1
They are kept in memory (%2 waiting, %3 lost) and written in order as soon as the file can be written again. Check that the folder exists, is writable and the disk has space.</source>
        <translation>播出记录无法写入：%1
记录暂存在内存中（待写入 %2 条，已丢失 %3 条），文件恢复可写后按原顺序写入。请检查文件夹是否存在、是否可写，以及磁盘空间是否充足。</translation>
    </message>
    <message>
        <location filename="../transport.py" line="120" />
        <source>As-run: %1 lost</source>
        <translation>播出记录：丢失 %1 条</translation>
    </message>
    <message>
        <location filename="../transport.py" line="121" />
        <source>Writing works again, but %1 records were lost while it did not (the memory buffer was full). File: %2</source>
        <translation>已恢复写入，但中断期间有 %1 条记录丢失（内存暂存已满）。文件：%2</translation>
    </message>
    <message>
        <location filename="../transport.py" line="124" />
        <source>As-run ✓</source>
        <translation>播出记录 ✓</translation>
    </message>
    <message>
        <location filename="../transport.py" line="125" />
        <source>%1 records written to %2</source>
        <translation>已写入 %1 条记录到 %2</translation>
    </message>
</context>
</TS>