"""Built-in plugin: reports written in Traditional script (繁體).

Many agencies publish a Traditional version of every page, converted automatically from
the Simplified original. gipparse reads such a report exactly like a Simplified one: every
node keeps the text as written, and labels, headings and metadata are matched (and
metadata reported) in Simplified.

* **Detection** (:func:`detect_script`) counts, in two short windows of the text, characters
  that only Traditional text uses (``們``, ``這``, ``區``) against characters that only
  Simplified text uses (``们``, ``这``, ``区``). Both classes are drawn from OpenCC's
  character tables, restricted to the common characters of Big5 and GB 2312 level 1;
  characters valid in both scripts (``著``, ``乾``, ``群``) are in neither. Nothing is
  converted to decide.
* **Matching** (``exact=False``) maps character by character with :meth:`str.translate`,
  using OpenCC's Traditional→Simplified character table (with the Taiwan and Hong Kong
  variant forms), built once, on first use. Labels, headings and agency names need no
  more than that, and it costs next to nothing.
* **Prose** (``exact=True``, what :attr:`gipparse.Paragraph.simplified` asks for) uses
  OpenCC's phrase-level ``t2s`` conversion, imported on first use: about 2 µs a
  character, so it runs only when a reader asks.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .._errors import GipparseError
from ..hookspecs import hookimpl

HANT = "hant"
HANS = "hans"

#: Characters only Traditional text uses: OpenCC maps them to Simplified and never
#: produces them from Simplified text. Common ones only (Big5 level 1); the sets are
#: checked against OpenCC's tables by the tests.
_TRADITIONAL_ONLY = (
    "丟並亂亙亞佇佈佔併來侖侶侷係俠倀倆倉個們倖倫偉側偵偽傑傖傘備傢傭傯傳債傷傾僅僑僕僥僱價儀"
    "儂億儈儉儐儔儕儘償優儲儷儸儻儼兇兌兒兗內兩冊冑冪凍凜凱別刪則剎剛剝剴創剷劃劇劉劊劍劑勁動"
    "務勛勝勞勢勣勳勵勸勻匯匱區協卹卻厭厲參叢吒吳吶呂員唸問啞啟喚喪喫喬單喲嗆嗇嗎嗚嗶嘆嘍嘔嘖"
    "嘗嘩嘮嘯嘰噓噥噯噴噸噹嚀嚇嚐嚕嚥嚨嚮嚴嚶囀囁囂囈囉囌囑囪國圍園圓圖團執堅堊堝堯報場塊塋塒"
    "塗塚塢塵塹墊墜墮墳墾壇壎壓壘壙壞壟壢壩壯壺壽夠夢夾奐奧奩奪奮妝姍姦娛婁婦媧媼媽嫗嫵嫻嬈嬋"
    "嬌嬤嬪嬰嬸孃孫學孿宮寢實寧審寫寬寵寶將專尋對導尷屆屍屜屢層屨屬岡峴島峽崑崗崙崢嵐嶄嶇嶔嶸"
    "嶺嶼嶽巒巔巖帥師帳帶幀幃幗幟幣幫幹幾庫廁廂廄廈廚廝廟廠廢廣廬廳弒弔張強彆彈彌彎彙彥彫彿後"
    "徑從徠復徹恆恥悅悵悶悽惡惱惻愛愜愴愷愾慄態慍慘慚慟慣慫慮慶慼慾憂憊憐憑憚憤憫憮憲憶懇應懍"
    "懣懲懶懷懸懺懼懾戀戰戲戶抬拋挾捨捫捱捲掃掄掙掛採揀揚換揮損搖搗搶摑摟摯摺摻撈撐撓撥撫撲撳"
    "撻撾撿擁擄擇擊擋擔據擠擬擰擱擲擴擷擺擻擾攆攏攔攙攜攝攣攤攪攬敗敘敵數斂斃斕斬斷昇時晉晝暈"
    "暉暘暢暫曄曆曇曉曖曠曬書會朧朮東枴柵桿梔條梟棄棗棟棧棲楊楓楨業極榦榮構槍槓槨槳樁樂樅樑樓"
    "標樞樣樸樹樺橈橋機橢橫檔檜檢檣檮檯檳檸檻櫃櫓櫚櫛櫝櫥櫬櫻欄權欐欖欽歎歐歟歡歲歷歸歿殘殤殮"
    "殯殲殺殼毀毆氈氣氫氬氳氾汎汙決沒沖況洩洶浹涇涼淒淚淨淪淵淺渙減渦測渾湊湧湯準溝溫溼滄滅滌"
    "滬滯滲滷滾滿漁漢漣漬漲漸漿潑潔潛潤潯潰澀澆澗澠澤澦澱濁濃濕濘濛濟濤濫濰濱濺濾瀆瀉瀋瀏瀕瀘"
    "瀝瀟瀨瀰瀲瀾灑灘灣灤災為烏無煉煙煥煩煬熒熱熾燈燉燒燙燜營燦燬燭燴燻燼燾爍爐爛爭爺爾牆牘牽"
    "犖犛犢犧狀狹狽猙猶獄獅獎獨獰獲獵獷獸獺獻玀現琺琿瑣瑤瑩瑪璣璦環璽璿瓊瓏瓔瓚甌甕產甦畝畢畫"
    "異當疇疊痙痠痺瘋瘍瘓瘡瘧瘺療癆癒癘癟癡癢癥癩癬癮癱癲發皚皰皺盃盜盞盡監盤盧盪眾睏睜睞睪瞞"
    "瞼矇矓矚矯硃硯碩確碼磚磧磯礎礙礦礪礫礬祕祿禍禎禦禪禮禱禿秈稅稈稜稟種稱穀穌積穎穠穡穢穩穫"
    "窩窪窮窯窺竄竅竇竊競筆筍筧箇箋箏節範築篠篤篩簍簑簞簡簣簫簷簽簾籃籌籟籠籤籬籮籲粵糝糞糧糰"
    "糾紀紂約紅紆紇紉紋納紐純紕紗紙級紛紜紡紮細紱紲紳紹紼絀終絃組絆結絕絛絞絡絢給絨絰統絲絳絹"
    "綁綏綑經綜綞綠綢綬維綰綱網綴綵綸綺綻綽綾綿緇緊緒緘緙線緝緞締緣編緩緬緯緲練緹緻縈縉縊縐縑"
    "縛縝縞縣縫縮縯縱縲縴縵縷縹總績繃繅繆繈繒織繕繚繞繡繩繪繫繭繳繹繼繽續纏纓纔纖纜缽罈罌罰罵"
    "罷羅羈羋羨義羶習翹聖聞聯聰聲聳聶職聽聾肅脅脈脣脩脫脹腎腦腫腳腸膚膠膩膽膾膿臉臍臏臘臚臟臢"
    "臥臨臺與興舉舊艙艦艱艷芻茲荊莊莖莢莧華菴菸萇萊萬萵葉著葦葷蒐蒞蒼蓀蓆蓋蓮蔔蔣蔥蔭蕩蕪蕭薊"
    "薑薔薦薩薺藍藝藥藪藷藹藺蘆蘇蘊蘋蘚蘭蘿處虛虜號虧蛻蜆蝕蝦蝨蝸螞螢螻蟈蟬蟯蟲蟻蠅蠍蠔蠟蠣蠱"
    "蠶蠻術衛衝袞裊補裝裡製複褲褸褻襖襠襤襪襬襯襲見規覓視覦親覬覲覺覽觀觴觸訂訃計訊訌討訏訐訑"
    "訓訕訖託記訛訝訟訢訣訥訪設許訴訶診註証詁詆詐詔評詖詛詞詠詢詣試詩詫詬詭詮詰話該詳詼誅誇誌"
    "認誑誕誘誚語誠誡誣誤誥誦誨說誰課誶誹誼調諂諄談諉請諍諒論諛諜諦諧諫諭諮諱諳諶諷諸諺諼諾謀"
    "謁謂謄謊謎謐謗謙講謝謠謨謫謬謹譁譆證譎譏識譙譚譜譟譫譯議譴護譽讀變讒讓讖讚讜豈豎豐豔豬貓"
    "貝貞負財貢貧貨販貪貫責貯貲貳貴貶買貸費貼貽貿賀賁賂賃賄賅資賈賊賑賒賓賜賞賠賡賢賣賤賦質賬"
    "賭賴賺賻購賽贅贈贊贍贏贓贖贗贛趕趙趨跡踐踴蹕蹟蹣蹤蹺躂躉躊躋躍躑躓躡躪軀車軋軌軍軏軒軔軛"
    "軟軸軻軼軾較載輊輒輓輔輕輛輜輝輞輟輥輦輩輪輯輳輸輻輾輿轂轄轅轉轍轎轔轟轡辦辭辮辯農迴逕這"
    "連週進遊運過達違遙遜遞遠適遲遷選遺遼邁還邇邊邏邐郵鄉鄒鄧鄭鄰鄴酈醃醜醞醣醫醬醱釀釁釅釋釐"
    "釗釘釙針釣釦釧釩釵鈇鈉鈍鈐鈑鈔鈕鈞鈣鈴鈷鈸鈹鈽鈾鈿鉀鉅鉉鉋鉍鉑鉗鉚鉛鉤鉸鉻銀銅銑銓銖銘銜"
    "銨銬銳銷銻銼鋁鋅鋇鋒鋤鋪鋰鋸鋼錄錐錕錘錙錚錠錡錢錦錨錫錮錯錳錶鍊鍋鍍鍔鍚鍛鍥鍬鍰鍵鍾鎂鎊"
    "鎔鎖鎘鎚鎢鎬鎮鎰鎳鏃鏈鏍鏑鏗鏘鏜鏝鏟鏡鏢鏤鏨鏽鐃鐘鐫鐮鐲鐳鐵鐸鐺鑄鑑鑒鑠鑣鑪鑰鑲鑷鑼鑽鑾"
    "鑿長門閂閃閉開閎閏閑閒間閔閘閡閣閤閥閨閩閭閱閻闆闈闊闋闌闐闔闕闖關闡闢陘陝陞陣陰陳陸陽隊"
    "階隕際隨險隱隴隸隻雋雖雙雛雜雞離難雲電霑霧霽靂靄靈靜靦靨鞏鞦韁韃韆韉韋韌韓韜韻響頁頂頃項"
    "順須頊頌預頑頒頓頗領頜頡頤頫頭頰頷頸頹頻顆題額顎顏顓願顛類顥顧顫顯顰顱風颯颱颳颶颺颼飄飛"
    "飢飩飪飭飯飲飴飼飽飾餃餅餉養餌餒餓餘餚餛餞餡館餵餾餿饅饉饑饒饗饜饞馬馭馮馱馳馴駁駐駑駒駕"
    "駙駛駝駟駢駭駱駿騁騎騖騙騫騰騵騷騾驀驃驅驍驕驗驚驛驟驢驥驪骯髏髒體髖髮鬆鬍鬚鬢鬥鬧鬨鬱魎"
    "魘魚魯魷鮑鮪鮫鮭鮮鯀鯉鯊鯖鯛鯧鯨鯽鰍鰓鰥鰭鰱鰻鰾鱉鱔鱖鱗鱟鱷鱸鳥鳩鳳鳴鳶鴃鴆鴉鴒鴕鴛鴣鴦"
    "鴨鴻鴿鵑鵝鵠鵡鵪鵬鵲鶉鶯鶴鷂鷓鷗鷥鷹鷺鸚鸛鸞鹵鹹鹼鹽麗麥麩麴麵麼黃黌點黨黴黷鼕鼴齊齋齒齜"
    "齟齡齣齦齧齪齬齲齷龍龐龔龜"
)

#: Characters only Simplified text uses (the converse; GB 2312 level 1).
_SIMPLIFIED_ONLY = (
    "与专业丛东丝丢两严丧个临为丽举义乌乐乔习乡书买乱争亏亚产亩亲亿仅从仑仓仪们众优会伞伟传伤"
    "伦伪体侠侣侥侦侧侨侩俩俭债倾偿储儿兰关兴兹养兽内冈册写军农冯冲决况冻净凄凉减凑凛凤凭凯击"
    "凿刘则刚创删别刹刽剂剐剑剥剧劝办务动励劲劳势勋匀区医华协单卖卢卤卫却厅历厉压厌厕厢厦厨厩"
    "县参双发变叙叠号叹吓吕吗吨听启吴呐呕员呛呜咏咙响哑哗哟唤啮啸喷嘘嘱嚣团园围国图圆圣场坏块"
    "坚坛坝坞坟坠垄垒垦垫堑堕墙壮声壳壶处备复够头夹夺奋奖奥妆妇妈娄娇娱婴婶孙学孪宁宝实宠审宪"
    "宫宽宾寝对寻导寿将尔尘尝尧尽层屉届属屡屿岁岂岗岛岭岿峡峦崭巩币帅师帐帜带帧帮幂并庄庆庐库"
    "应庙庞废开异弃张弥弯弹强归当录彦彻径忆忧怀态怂怜总恋恒恳恶恼悬悯惊惧惨惩惫惭惮惯愤慑懒戏"
    "战扑执扩扫扬扰抚抛抠抡抢护报担拟拢拣拥拦拧拨择挚挛挝挞挟挠挡挣挤挥捞损捡换捣掳掷掸掺揽搀"
    "搁搂搅携摄摆摇摈摊撑撵擞攒敌敛数斋斩断无旧时旷昼显晋晒晓晕暂术机杀杂权条来杨构枢枣枪枫柠"
    "栅标栈栋栏树栖样档桥桨桩梦检椭楼槛横樱橱欢欧歼残殴毁毕毙毡气氢汇汉汤汹沟没沤沥沦沧沪泞泪"
    "泻泼泽洁洒洼浅浆浇浊测济浑浓涛涝涟涡涣涤润涧涨涩渊渍渐渔渗湾湿溃溅滚滞满滤滥滦滨滩潍潜澜"
    "濒灭灯灵灾灿炉点炼炽烁烂烃烛烟烦烧烩烫烬热焕爱爷牵牺犊状犹狈狞独狭狮狰狱猎猪猫献獭玛环现"
    "珐琐琼瑶瓮电画畅畴疗疟疡疮疯痈痉痒痪瘪瘫癣皑皱盏盐监盖盗盘睁瞒瞩矫矾矿码砖砚砾础硕硷碍碱"
    "礼祷祸禄离秃秆积称秽稳穷窃窍窑窜窝窥竖竞笋笔笺笼筛筹签简箩篓篮篱类粤粪粮紧纠红纤约级纪纫"
    "纬纯纱纲纳纵纶纷纸纹纺纽线练组绅细织终绊绍绎经绑绒结绕绘给绚络绝绞统绢绣绥绦继绩绪续绰绳"
    "维绵绷绸综绽绿缀缄缅缆缉缎缓缔缕编缘缚缝缠缨缩缮缴网罗罚罢羡翘耸耻聂聋职联聪肃肠肤肮肾肿"
    "胀胁胆胶脉脏脐脑脓脚脸腻腾舆舰舱艰艳艺节芜芦苇苍苏茎茧荆荚荡荣荤荧荫药莱莲获莹萝萤营萧萨"
    "蒋蓝蓟蔷蔼蕴虏虑虚虱虽虾蚀蚁蚂蚕蛊蛮蛰蜗蝇蝉衅衔补衬袄袜袭装裤见观规觅视览觉触誉誊计订讣"
    "认讥讨让讫训议讯记讲讳讶许讹论讼讽设访诀证评诅识诈诉诊诌词译试诗诚诛话诞诡询诣该详诧诫诬"
    "语误诱诲说诵请诸诺读诽课谁调谅谆谈谊谋谍谎谐谓谗谚谜谢谣谤谦谨谩谬谭谰谱谴贝贞负贡财责贤"
    "败账货质贩贪贫贬购贮贯贰贱贴贵贷贸费贺贼贾贿赁赂赃资赊赋赌赎赏赐赔赖赘赚赛赞赠赡赢赣赵赶"
    "趋跃践踌踪蹿躯车轧轨轩转轮软轰轴轻载轿较辅辆辈辉辊辐辑输辕辖辗辙辞辩辫边辽达迁过迈运还这"
    "进远违连迟迹选逊递逻遗遥邓邮邹邻郑郧郸酝酱酿释鉴针钉钎钒钓钙钝钞钟钠钡钢钥钦钧钨钩钮钱钳"
    "钵钻钾铀铁铂铃铅铆铜铝铡铣铬铭铰铱铲银铸铺链销锁锄锅锈锋锌锐锑锗错锚锡锣锤锥锦锨锭键锯锰"
    "锹锻镀镁镇镊镍镐镑镜镣镭镰镶长门闪闭问闯闰闲间闷闸闹闺闻闽阀阁阂阅阉阎阐阑阔队阳阴阵阶际"
    "陆陇陈陕陨险随隐隶难雇雏雾霉静韦韧韩韵页顶顷项顺须顽顾顿颁颂预颅领颇颈颊颐频颓颖颗题颜额"
    "颠颤颧风飘飞饥饭饮饯饰饱饲饵饶饺饼饿馁馅馆馈馋馏馒马驭驮驯驰驱驳驴驶驹驻驼驾骂骄骆骇骋验"
    "骏骑骗骚骡骤鱼鲁鲍鲜鲤鲸鳃鳖鳞鸟鸡鸣鸥鸦鸭鸯鸳鸵鸽鸿鹃鹅鹊鹏鹤鹰麦黄齐齿龄龋龙龚龟"
)

# Detection looks at two windows, the opening (title and preamble) and the middle of the
# text, so a quotation in the other script at the top cannot decide alone; a text whose
# windows disagree or say too little is counted in full. Counting costs about 0.1 µs per
# character found, so the windows are kept short.
_WINDOW = 128
_ENOUGH = 24
_MAJORITY = 4


@lru_cache(maxsize=1)
def _classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Compiled on first use: a few milliseconds, paid once, not at import.
    return re.compile(f"[{_TRADITIONAL_ONLY}]"), re.compile(f"[{_SIMPLIFIED_ONLY}]")


def _count(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """``(traditional-only, simplified-only)`` characters in ``text[start:end]``."""
    stop = len(text) if end is None else end
    traditional, simplified = _classes()
    return len(traditional.findall(text, start, stop)), len(simplified.findall(text, start, stop))


def detect_script(text: str) -> str:
    """``"hant"`` when *text* holds more Traditional-only than Simplified-only characters,
    else ``"hans"`` (also for text with neither, which needs no conversion)."""
    n = len(text)
    if n > 4 * _WINDOW:
        t1, s1 = _count(text, 0, _WINDOW)
        t2, s2 = _count(text, n // 2, n // 2 + _WINDOW)
        trad, simp = t1 + t2, s1 + s2
        if trad + simp >= _ENOUGH and (trad >= _MAJORITY * simp or simp >= _MAJORITY * trad):
            return HANT if trad > simp else HANS
    trad, simp = _count(text)
    return HANT if trad > simp else HANS


#: OpenCC files for the character table: the Traditional→Simplified characters, then the
#: Taiwan and Hong Kong standard forms mapped back to OpenCC's Traditional forms.
_CHARACTERS = "TSCharacters.txt"
_VARIANTS = ("TWVariantsRev.txt", "HKVariantsRev.txt")


def _opencc_file(name: str) -> str:
    try:
        import opencc

        path = Path(opencc.__file__).parent / "dictionary" / name
        return path.read_text(encoding="utf-8")
    except (ImportError, OSError) as exc:
        raise GipparseError(
            f"reading Traditional script needs the opencc-python-reimplemented package "
            f"and its dictionary {name}: {exc}"
        ) from None


def _pairs(data: str) -> dict[str, str]:
    """``key -> first candidate`` of an OpenCC dictionary (single characters only)."""
    found = {}
    for line in data.splitlines():
        key, _, values = line.partition("\t")
        value = values.split(" ", 1)[0]
        if len(key) == 1 and len(value) == 1:
            found[key] = value
    return found


@lru_cache(maxsize=1)
def character_table() -> dict[int, str]:
    """The Traditional→Simplified character table for :meth:`str.translate`, built once."""
    characters = _pairs(_opencc_file(_CHARACTERS))
    table = {ord(k): v for k, v in characters.items() if k != v}
    # A regional form that is also a Simplified character stays (Hong Kong writes 么
    # for 幺, but 么 is the Simplified 麼).
    simplified_forms = set(characters.values())
    for name in _VARIANTS:
        for variant, standard in _pairs(_opencc_file(name)).items():
            simplified = characters.get(standard, standard)
            if simplified != variant and variant not in simplified_forms:
                table.setdefault(ord(variant), simplified)
    return table


@lru_cache(maxsize=1)
def _phrase_converter() -> Any:
    try:
        import opencc
    except ImportError as exc:
        raise GipparseError(
            f"converting Traditional prose needs the opencc-python-reimplemented package: {exc}"
        ) from None
    return opencc.OpenCC("t2s")


def to_simplified(text: str, *, exact: bool = False) -> str:
    """*text*, written in Traditional script, in Simplified: character by character for
    matching, or phrase by phrase (``exact=True``) for prose."""
    if exact:
        return str(_phrase_converter().convert(text))
    return text.translate(character_table())


@hookimpl(trylast=True)
def gipparse_detect_script(text: str) -> str:
    return detect_script(text)


@hookimpl(trylast=True)
def gipparse_simplify(text: str, script: str, exact: bool) -> str | None:
    if script != HANT:
        return None
    return to_simplified(text, exact=exact)
