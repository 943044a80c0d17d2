"""Built-in plugin: reports written in Traditional script (繁體).

Many agencies publish a Traditional version of every page, converted automatically from
the Simplified original. gipparse reads such a report exactly like a Simplified one: every
node keeps the text as written, and labels, headings and metadata are matched (and
metadata reported) in Simplified.

* **Detection** (:func:`detect_script`) counts, in two short windows of the text, characters
  that only Traditional text uses (``們``, ``這``, ``區``) against characters that only
  Simplified text uses (``们``, ``这``, ``区``): characters OpenCC converts that the
  other script's character set (GB 2312, Big5) lacks, so characters both scripts write
  (``著``, ``乾``, ``群``) are in neither class. Nothing is converted to decide.
* **Matching** (``exact=False``) maps character by character with :meth:`str.translate`,
  using OpenCC's Traditional→Simplified character table (with the Taiwan and Hong Kong
  variant forms), computed from OpenCC's dictionaries ahead of time
  (:mod:`gipparse.script.hantgen`); only the few characters that convert
  differently inside a phrase (``反覆`` is ``反复``, but ``覆`` stays ``覆``) call for
  OpenCC's phrases. Labels, headings and agency names need no more than that, and it
  costs next to nothing.
* **Prose** (``exact=True``, what :attr:`gipparse.Paragraph.simplified` asks for) uses
  OpenCC's phrase-level ``t2s`` conversion, built on first use: about 2 µs a character,
  so it runs only when a reader asks.

The OpenCC dictionaries are shipped with gipparse (see :mod:`gipparse.script.opencc`):
no ``opencc`` package is imported, so gipparse works beside either distribution that
installs one (opencc-python-reimplemented, or the official ``opencc``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .. import patterns
from ..hookspecs import hookimpl

HANT = "hant"
HANS = "hans"

#: Characters only Traditional text uses: OpenCC maps them to Simplified, and GB 2312
#: (the Simplified character set) lacks them. The common ones: Big5 level 1.
_TRADITIONAL_ONLY = (
    "丟並亂亙亞佇佈佔併來侖侶侷係俠倀倆倉個們倖倫偉側偵偽傑傖傘備傢傭傯傳債傷傾僅僑僕僥僱價儀"
    "儂億儈儉儐儔儕儘償優儲儷儸儻儼兇兌兒兗內兩冊冑冪凍凜凱別刪則剋剎剛剝剴創剷劃劇劉劊劍劑勁"
    "動務勛勝勞勢勣勳勵勸勻匯匱區協卹卻厭厲參叢吳吶呂員唸問啞啟喚喪喫喬單喲嗆嗇嗎嗚嗶嘆嘍嘔嘖"
    "嘗嘩嘮嘯嘰噓噥噯噴噸噹嚀嚇嚐嚕嚥嚨嚮嚴嚶囀囁囂囈囉囌囑囪國圍園圓圖團執堅堊堝堯報場塊塋塒"
    "塗塚塢塵塹墊墜墮墳墾壇壎壓壘壙壞壟壢壩壯壺壽夠夢夾奐奧奩奪奮妝姍姦娛婁婦媧媼媽嫗嫵嫻嬈嬋"
    "嬌嬤嬪嬰嬸孃孫學孿宮寢實寧審寫寬寵寶將專尋對導尷屆屍屜屢層屨屬岡峴島峽崑崗崙崢嵐嶄嶇嶔嶸"
    "嶺嶼嶽巒巔巖帥師帳帶幀幃幗幟幣幫幹幾庫廁廂廄廈廚廝廟廠廢廣廬廳弒弔張強彆彈彌彎彙彥彫彿徑"
    "從徠復徹恆恥悅悵悶悽惡惱惻愛愜愴愷愾慄態慍慘慚慟慣慫慮慶慼慾憂憊憐憑憚憤憫憮憲憶懇應懍懣"
    "懲懶懷懸懺懼懾戀戰戲戶拋挾捨捫捲掃掄掙掛採揀揚換揮損搖搗搶摑摟摯摻撈撐撓撥撫撲撳撻撾撿擁"
    "擄擇擊擋擔據擠擬擰擱擲擴擷擺擻擾攆攏攔攙攜攝攣攤攪攬敗敘敵數斂斃斕斬斷昇時晉晝暈暉暘暢暫"
    "曄曆曇曉曖曠曬書會朧朮東枴柵桿梔條梟棄棗棟棧棲楊楓楨業極榦榮構槍槓槨槳樁樂樅樑樓標樞樣樸"
    "樹樺橈橋機橢橫檔檜檢檣檮檯檳檸檻櫃櫓櫚櫛櫝櫥櫬櫻欄權欐欖欽歎歐歟歡歲歷歸歿殘殤殮殯殲殺殼"
    "毀毆氈氣氫氬氳氾汎汙決沒沖況洩洶浹涇涼淒淚淨淪淵淺渙減渦測渾湊湧湯準溝溫溼滄滅滌滬滯滲滷"
    "滾滿漁漢漣漬漲漸漿潑潔潛潤潯潰澀澆澗澠澤澦澱濁濃濕濘濛濟濤濫濰濱濺濾瀆瀉瀋瀏瀕瀘瀝瀟瀨瀰"
    "瀲瀾灑灘灣灤災為烏無煉煙煥煩煬熒熱熾燈燉燒燙燜營燦燬燭燴燻燼燾爍爐爛爭爺爾牆牘牽犖犛犢犧"
    "狀狹狽猙猶獄獅獎獨獰獲獵獷獸獺獻玀現琺琿瑣瑤瑩瑪璣璦環璽璿瓊瓏瓔瓚甌甕產甦畝畢畫異當疇疊"
    "痙痠痺瘋瘍瘓瘡瘧瘺療癆癒癘癟癡癢癥癩癬癮癱癲發皚皰皺盃盜盞盡監盤盧盪眾睏睜睞睪瞞瞼矇矓矚"
    "矯硃硯碩確碼磚磧磯礎礙礦礪礫礬祕祿禍禎禦禪禮禱禿秈稅稈稜稟種稱穀穌積穎穠穡穢穩穫窩窪窮窯"
    "窺竄竅竇竊競筆筍筧箇箋箏節範築篠篤篩簍簑簞簡簣簫簷簽簾籃籌籟籠籤籬籮籲粵糝糞糧糰糾紀紂約"
    "紅紆紇紉紋納紐純紕紗紙級紛紜紡紮細紱紲紳紹紼絀終絃組絆結絕絛絞絡絢給絨絰統絲絳絹綁綏綑經"
    "綜綞綠綢綬維綰綱網綴綵綸綺綻綽綾綿緇緊緒緘緙線緝緞締緣編緩緬緯緲練緹緻縈縉縊縐縑縛縝縞縣"
    "縫縮縯縱縲縴縵縷縹總績繃繅繆繈繒織繕繚繞繡繩繪繫繭繳繹繼繽續纏纓纔纖纜缽罈罌罰罵罷羅羈羋"
    "羨義羶習翹聖聞聯聰聲聳聶職聽聾肅脅脈脣脩脫脹腎腦腫腳腸膚膠膩膽膾膿臉臍臏臘臚臟臢臥臨臺與"
    "興舉舊艙艦艱艷芻苧茲荊莊莖莢莧華菴萇萊萬萵葉葦葷蒐蒞蒼蓀蓆蓋蓮蔔蔣蔥蔭蕩蕪蕭薊薑薔薦薩薺"
    "藍藝藥藪藷藹藺蘆蘇蘊蘋蘚蘭蘿處虛虜號虧蛻蜆蝕蝦蝨蝸螞螢螻蟈蟬蟯蟲蟻蠅蠍蠔蠟蠣蠱蠶蠻術衛衝"
    "袞裊補裝裡製複褲褸褻襖襠襤襪襬襯襲見規覓視覦親覬覲覺覽觀觴觸訂訃計訊訌討訏訐訑訓訕訖託記"
    "訛訝訟訢訣訥訪設許訴訶診註証詁詆詐詔評詖詛詞詠詢詣試詩詫詬詭詮詰話該詳詼誅誇誌認誑誕誘誚"
    "語誠誡誣誤誥誦誨說誰課誶誹誼調諂諄談諉請諍諒論諛諜諦諧諫諭諮諱諳諶諷諸諺諼諾謀謁謂謄謊謎"
    "謐謗謙講謝謠謨謫謬謹譁譆證譎譏識譙譚譜譟譫譯議譴護譽讀變讒讓讖讚讜豈豎豐豔豬貓貝貞負財貢"
    "貧貨販貪貫責貯貲貳貴貶買貸費貼貽貿賀賁賂賃賄賅資賈賊賑賒賓賜賞賠賡賢賣賤賦質賬賭賴賺賻購"
    "賽贅贈贊贍贏贓贖贗贛趕趙趨跡踐踴蹕蹟蹣蹤蹺躂躉躊躋躍躑躓躡躪軀車軋軌軍軏軒軔軛軟軸軻軼軾"
    "較載輊輒輓輔輕輛輜輝輞輟輥輦輩輪輯輳輸輻輾輿轂轄轅轉轍轎轔轟轡辦辭辮辯農迴逕這連週進遊運"
    "過達違遙遜遞遠適遲遷選遺遼邁還邇邊邏邐郵鄉鄒鄧鄭鄰鄴酈醃醜醞醫醬醱釀釁釅釋釐釗釘釙針釣釦"
    "釧釩釵鈇鈉鈍鈐鈑鈔鈕鈞鈣鈴鈷鈸鈹鈽鈾鈿鉀鉅鉉鉋鉍鉑鉗鉚鉛鉤鉸鉻銀銅銑銓銖銘銜銨銬銳銷銻銼"
    "鋁鋅鋇鋒鋤鋪鋰鋸鋼錄錐錕錘錙錚錠錡錢錦錨錫錮錯錳錶鍊鍋鍍鍔鍚鍛鍥鍬鍰鍵鍾鎂鎊鎔鎖鎘鎚鎢鎬"
    "鎮鎰鎳鏃鏈鏍鏑鏗鏘鏜鏝鏟鏡鏢鏤鏨鏽鐃鐘鐫鐮鐲鐳鐵鐸鐺鑄鑑鑒鑠鑣鑪鑰鑲鑷鑼鑽鑾鑿長門閂閃閉"
    "開閎閏閑閒間閔閘閡閣閤閥閨閩閭閱閻闆闈闊闋闌闐闔闕闖關闡闢陘陝陞陣陰陳陸陽隊階隕際隨險隱"
    "隴隸隻雋雖雙雛雜雞離難雲電霑霧霽靂靄靈靜靦靨鞏鞦韁韃韆韉韋韌韓韜韻響頁頂頃項順須頊頌預頑"
    "頒頓頗領頜頡頤頫頭頰頷頸頹頻顆題額顎顏顓願顛類顥顧顫顯顰顱風颯颱颳颶颺颼飄飛飢飩飪飭飯飲"
    "飴飼飽飾餃餅餉養餌餒餓餘餚餛餞餡館餵餾餿饅饉饑饒饗饜饞馬馭馮馱馳馴駁駐駑駒駕駙駛駝駟駢駭"
    "駱駿騁騎騖騙騫騰騵騷騾驀驃驅驍驕驗驚驛驟驢驥驪骯髏髒體髖髮鬆鬍鬚鬢鬥鬧鬨鬱魎魘魚魯魷鮑鮪"
    "鮫鮭鮮鯀鯉鯊鯖鯛鯧鯨鯽鰍鰓鰥鰭鰱鰻鰾鱉鱔鱖鱗鱟鱷鱸鳥鳩鳳鳴鳶鴃鴆鴉鴒鴕鴛鴣鴦鴨鴻鴿鵑鵝鵠"
    "鵡鵪鵬鵲鶉鶯鶴鷂鷓鷗鷥鷹鷺鸚鸛鸞鹵鹹鹼鹽麗麥麩麵麼黃黌點黨黴黷鼕鼴齊齋齒齜齟齡齣齦齧齪齬"
    "齲齷龍龐龔龜"
)

#: Characters only Simplified text uses: OpenCC maps them to Traditional, and Big5 lacks
#: them. The common ones: GB 2312 level 1. (The tests derive both sets again.)
_SIMPLIFIED_ONLY = (
    "专业丛东丝丢两严丧个临为丽举义乌乐乔习乡书买乱争亏亚产亩亲亿仅从仑仓仪们众会伞伟传伤伦伪"
    "侠侣侥侦侧侨侩俩俭债倾偿储兑兰关兴兹养兽内冈册写军农冯冲决况冻净凉减凑凛凤凭凯击凿刘则刚"
    "创删别刹刽剂剐剑剥剧劝办务动励劲劳势勋匀区医华协单卖卢卤卧卫却厅历厉压厌厕厢厦厨厩县叁参"
    "双发变叙叠叶号叹吓吕吗启吴呐呕员呛呜咏咙响哑哗哟唤啮啸喷嘘嘱嚣团园囱围国图圆场块坚坛坝坞"
    "坟坠垄垒垦垫堑堕墙壮声壳壶处备够头夹夺奋奖奥妆妇妈娄娇娱婴婶孙学孪宝实宠审宪宫宽宾寝对寻"
    "导寿将尔尘尝尧尽层屉届属屡屿岁岂岗岛岿峡峦崭巩币帅师帐帜带帧帮幂广庆庐库应庙庞废开弃张弥"
    "弯弹强归当录彦彻径忆忧态怂总恋恒恳恶恼悦悬悯惧惨惩惫惭惮惯愤慑懒戏战户执扩扫扬抚抛抠抡抢"
    "护报担拟拢拣拥拦拧拨择挚挛挝挞挟挠挡挣挤挥捞损捡换捣掳掷掸掺揽搀搁搂搅携摄摆摇摈摊撑撵擞"
    "攒敌敛数斋斩断无旧时旷昼显晋晓晕暂术杀杂权条来杨枢枣枪枫柠栅标栈栋栏树样档桥桨桩梦检椭楼"
    "槛横樱橱欢欧歼残殴毁毕毙毡氢汇汉汤汹沟没沤沥沦沧沪泪泻泼泽浅浆浇浊测济浑浓涛涝涟涡涣涤润"
    "涧涨涩渊渍渐渔渗温湾湿溃溅滚滞满滤滥滦滨滩潍潜澜濒灭灯灵灾灿炉点炼炽烁烂烃烛烟烦烧烩烫烬"
    "热焕爱爷牵牺犊状犹狈狞独狭狮狰狱猎猪猫献獭玛环现珐琐琼瑶电画畅畴疗疟疡疮疯痈痉痪瘪瘫癣皑"
    "皱盏盐监盖盗盘睁瞒瞩矫矾矿码砖砚砾础硕硷碍碱礼祷祸禄秃秆积称秽税稳穷窃窍窑窜窝窥竖竞笋笔"
    "笺笼筛筹签简箩篓篮类粤粪粮紧纠红纤约级纪纫纬纯纱纲纳纵纶纷纸纹纺纽线练组绅细织终绊绍绎经"
    "绑绒结绕绘给绚络绝绞统绢绣绥绦继绩绪续绰绳维绵绷绸综绽绿缀缄缅缆缉缎缓缔缕编缘缚缝缠缨缩"
    "缮缴罗罚罢翘耸耻聂聋职联聪肃肠肤肾肿胀胁胆胶脉脏脐脑脓脚脱脸腻腾舆舰舱艰艳艺节芜芦苇苍苏"
    "茎荆荚荡荣荤荧荫药莱莲获莹萝萤营萧萨葱蒋蓝蓟蔷蔼蕴虏虑虚虽虾蚀蚁蚂蛊蛮蛰蜕蜗蝇蝉衅衔补衬"
    "袄袜袭装裤见观规觅视览觉誉誊计订讣认讥讨让讫训议讯记讲讳讶许讹论讼讽设访诀证评诅识诈诉诊"
    "诌词译试诗诚诛话诞诡询诣该详诧诫诬语误诱诲说诵请诸诺读诽课谁调谅谆谈谊谋谍谎谐谓谗谚谜谢"
    "谣谤谦谨谩谬谭谰谱谴贝贞负贡财责贤败账货质贩贪贫贬购贮贯贰贱贴贵贷贸费贺贼贾贿赁赂赃资赊"
    "赋赌赎赏赐赔赖赘赚赛赞赠赡赢赣赵趋跃践踌踪蹿躯车轧轨轩转轮软轰轴轻载轿较辅辆辈辉辊辐辑输"
    "辕辖辗辙辞辩辫边辽达迁过迈运还这进远违连迟迹选逊递逻遗遥邓邮邹邻郑郧郸酝酱酿释鉴针钉钎钒"
    "钓钙钝钞钟钠钡钢钥钦钧钨钩钮钱钳钵钻钾铀铁铂铃铅铆铜铝铡铣铬铭铰铱铲银铸铺链销锁锄锅锈锋"
    "锌锐锑锗错锚锡锣锤锥锦锨锭键锯锰锹锻镀镁镇镊镍镐镑镜镣镭镰镶长门闪闭问闯闰闲间闷闸闹闺闻"
    "闽阀阁阂阅阉阎阐阑阔队阳阴阵阶际陆陇陈陕陨险随隐隶难雏雾静韦韧韩韵页顶顷项顺须顽顾顿颁颂"
    "预颅领颇颈颊颐频颓颖颗题颜额颠颤颧风飘飞饥饭饮饯饰饱饲饵饶饺饼饿馁馅馆馈馋馏馒马驭驮驯驰"
    "驱驳驴驶驹驻驼驾骂骄骆骇骋验骏骑骗骚骡骤鱼鲁鲍鲜鲤鲸鳃鳖鳞鸟鸡鸣鸥鸦鸭鸯鸳鸵鸽鸿鹃鹅鹊鹏"
    "鹤鹰麦黄齐齿龄龋龙龚龟"
)

# Detection looks at two windows, the opening (title and preamble) and the middle of the
# text, so a quotation in the other script at the top cannot decide alone; a text whose
# windows disagree or say too little is counted in full. Counting costs about 0.1 µs per
# character found, so the windows are kept short.
_WINDOW = 128
_ENOUGH = 24
_MAJORITY = 4


#: How many counts are made with :func:`_kinds` before the patterns are compiled.
_COLD_COUNTS = 64
_counts = 0

_TRADITIONAL_CLASS = f"[{_TRADITIONAL_ONLY}]"
_SIMPLIFIED_CLASS = f"[{_SIMPLIFIED_ONLY}]"
#: Whether the patterns are made from code computed ahead of time (:mod:`gipparse.patterns`)
#: on this interpreter, and so cost little: the first count uses them then.
_AHEAD = patterns.ask(_TRADITIONAL_CLASS)
_AHEAD = patterns.ask(_SIMPLIFIED_CLASS) and _AHEAD


@lru_cache(maxsize=1)
def _classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Without code made ahead of time, compiled by re after the first few reports: some
    # 4 ms, more than a command that reads one report spends on its whole parse.
    return patterns.compile(_TRADITIONAL_CLASS), patterns.compile(_SIMPLIFIED_CLASS)


@lru_cache(maxsize=1)
def _kinds() -> dict[str, int]:
    """1 for each Traditional-only character, 2 for each Simplified-only one (the two sets
    are disjoint): built in a tenth of the time ``re`` takes to compile the patterns, and
    a third as fast to count with; used only where the patterns' code was not computed
    ahead of time for this interpreter (building it costs 2.8 M instructions)."""
    kinds = dict.fromkeys(_TRADITIONAL_ONLY, 1)
    kinds.update(dict.fromkeys(_SIMPLIFIED_ONLY, 2))
    return kinds


def _count(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """``(traditional-only, simplified-only)`` characters in ``text[start:end]``."""
    global _counts  # noqa: PLW0603
    stop = len(text) if end is None else end
    if not _AHEAD and _counts < _COLD_COUNTS:
        _counts += 1
        found = list(map(_kinds().get, text[start:stop]))
        return found.count(1), found.count(2)
    traditional, simplified = _classes()
    return len(traditional.findall(text, start, stop)), len(simplified.findall(text, start, stop))


def _count_one(which: int, text: str, start: int, end: int) -> int:
    """The Traditional-only (*which* 0) or Simplified-only (1) characters of
    ``text[start:end]``."""
    if not _AHEAD and _counts < _COLD_COUNTS:
        return _count(text, start, end)[which]
    return len(_classes()[which].findall(text, start, end))


def detect_script(text: str) -> str:
    """``"hant"`` when *text* holds more Traditional-only than Simplified-only characters,
    else ``"hans"`` (also for text with neither, which needs no conversion)."""
    n = len(text)
    if n > 4 * _WINDOW:
        t1, s1 = _count(text, 0, _WINDOW)
        middle = n // 2
        # The middle's characters of the script the opening has fewer of are counted
        # first: when it has none of them either and the opening enough of the other
        # script's, the other script has a majority whatever the middle holds of it, and
        # those (each found costs as much as a hundred looked at) need no counting.
        if t1 <= s1:
            t2 = _count_one(0, text, middle, middle + _WINDOW)
            if t1 + t2 == 0 and s1 >= _ENOUGH:
                return HANS
            s2 = _count_one(1, text, middle, middle + _WINDOW)
        else:
            s2 = _count_one(1, text, middle, middle + _WINDOW)
            if s1 + s2 == 0 and t1 >= _ENOUGH:
                return HANT
            t2 = _count_one(0, text, middle, middle + _WINDOW)
        trad, simp = t1 + t2, s1 + s2
        if trad + simp >= _ENOUGH and (trad >= _MAJORITY * simp or simp >= _MAJORITY * trad):
            return HANT if trad > simp else HANS
    trad, simp = _count(text)
    return HANT if trad > simp else HANS


class _Matching:
    """What matching converts with (a plain class: a ``NamedTuple`` costs a process that
    reads no Traditional report 1 M instructions to create)."""

    __slots__ = ("_looks", "_trigger", "ambiguous", "fixes", "table")

    def __init__(self, table: dict[int, int], ambiguous: str, fixes: dict[str, str]) -> None:
        self.table = table
        #: The characters some phrases convert otherwise.
        self.ambiguous = ambiguous
        self.fixes = fixes
        self._looks = 0
        self._trigger: re.Pattern[str] | None = None

    def triggered(self, text: str) -> bool:
        """Whether *text* holds one of :attr:`ambiguous`: for the first few reports'
        texts, each is looked for in turn, where a pattern of them cost a first
        Traditional report 2.7 M instructions to compile (``re`` maps all 65,536
        characters for a class of scattered CJK ones); after, the pattern, faster on
        short texts."""
        trigger = self._trigger
        if trigger is None:
            if self._looks < _COLD_LOOKS:
                self._looks += 1
                for c in self.ambiguous:  # noqa: SIM110  (any() and a generator: twice as slow)
                    if c in text:
                        return True
                return False
            ambiguous = self.ambiguous
            trigger = self._trigger = re.compile(f"[{ambiguous}]" if ambiguous else "(?!)")
        return trigger.search(text) is not None


#: How many texts :meth:`_Matching.triggered` looks at character by character before it
#: compiles its pattern (a Traditional report converts some 15).
_COLD_LOOKS = 64


@lru_cache(maxsize=1)
def _matching() -> _Matching:
    """What matching converts with: OpenCC's character table, and for the few characters
    that stay themselves by default but not in some phrases (覆 in 反覆, 瞭 in 瞭解, 藉 in
    憑藉) OpenCC's phrases as the table leaves them; computed from OpenCC's dictionaries
    by :mod:`gipparse.script.hantgen` into :mod:`gipparse.script.hanttable`."""
    from .hanttable import AMBIGUOUS, BMP, FIXES, SOURCE, STARTS, TARGET

    find = SOURCE.find

    # The table for str.translate, filled with the characters texts hold: each is looked
    # up in the written table (among the characters of its block of 256 code points) the
    # first time a text holds it, and kept with what it becomes, itself when the table
    # leaves it. str.maketrans of the whole table (4,116 characters) cost a first
    # Traditional report 2.8 M instructions, where its texts hold a few hundred distinct
    # characters; translate looks each character of a text up either way. Characters
    # left as they are are kept up to _KEPT, so that text in every script cannot grow the
    # table without bound. (A class made here: at import it would cost every process
    # that reads a report some 80 K instructions.)
    class Table(dict[int, int]):
        __slots__ = ()

        def __missing__(self, code: int) -> int:
            if code < 0x10000:
                block = code >> 8
                at = find(chr(code), STARTS[block], STARTS[block + 1])
            else:
                at = find(chr(code), BMP)
            if at >= 0:
                converted = self[code] = ord(TARGET[at])
                return converted
            if len(self) < _KEPT:
                self[code] = code
            return code

    return _Matching(Table(), AMBIGUOUS, FIXES)


#: How many entries the table of :func:`_matching` holds at most before it stops keeping
#: the characters it leaves as they are.
_KEPT = 16384


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern[str]:
    """The phrases of :attr:`_Matching.fixes`, longest first, made when a text first holds
    one of their characters (答覆 does) from code computed ahead of time, where ``re``
    compiled the pattern in 8.3 M instructions."""
    from .hanttable import PHRASES

    return PHRASES()


def _phrase_converter() -> Any:
    from .opencc import t2s

    return t2s()


def to_simplified(text: str, *, exact: bool = False) -> str:
    """*text*, written in Traditional script, in Simplified: character by character for
    matching, or phrase by phrase (``exact=True``) for prose."""
    if exact:
        return str(_phrase_converter().convert(text))
    matching = _matching()
    text = text.translate(matching.table)
    if matching.triggered(text):
        fixes = matching.fixes
        text = _phrases().sub(lambda m: fixes[m.group()], text)
    return text


def simplified_exact(text: str) -> str:
    """*text* converted phrase by phrase when it is written in Traditional script, else as
    it is: what the built-in hooks make of a paragraph's :attr:`~gipparse.Paragraph.simplified`."""
    return to_simplified(text, exact=True) if detect_script(text) == HANT else text


@hookimpl(trylast=True)
def gipparse_detect_script(text: str) -> str:
    return detect_script(text)


@hookimpl(trylast=True)
def gipparse_simplify(text: str, script: str, exact: bool) -> str | None:
    if script != HANT:
        return None
    return to_simplified(text, exact=exact)
