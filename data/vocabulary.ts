import type { Sector } from '../platform/model.ts';

/**
 * Hand-made reference tables for the seed generator: provinces with rough population weights,
 * real institutions per province, discipline-to-skill keywords, surnames with frequencies.
 * Institutions are real names so the data reads like real talent work; every person the
 * generator attaches to them is synthetic.
 */

export interface ProvinceInfo {
  /** Two-digit GB/T 2260 province code. */
  code2: string;
  /** Short name used in company names (四川, 内蒙古). */
  short: string;
  /** Resident population, millions (2020 census, rounded): weights where talents live. */
  pop: number;
  /** Local agricultural specialities, mixed into agriculture talents' skills. */
  agriSkills: readonly string[];
  /** Real universities: comprehensive, agricultural, engineering, medical. */
  unis: { comp: readonly string[]; agri: readonly string[]; tech: readonly string[]; med: readonly string[] };
  /** The provincial agricultural academy, where it is not named "<省名>农业科学院". */
  agriAcademy?: string;
}

export const PROVINCES: readonly ProvinceInfo[] = [
  { code2: '11', short: '北京', pop: 21.9, agriSkills: ['都市农业', '设施蔬菜'], agriAcademy: '北京市农林科学院',
    unis: { comp: ['北京大学', '清华大学', '中国人民大学', '北京师范大学'], agri: ['中国农业大学', '北京林业大学', '北京农学院'], tech: ['北京理工大学', '北京航空航天大学', '北京科技大学', '北京工业大学'], med: ['首都医科大学', '北京中医药大学'] } },
  { code2: '12', short: '天津', pop: 13.9, agriSkills: ['小站稻栽培', '设施蔬菜'],
    unis: { comp: ['南开大学', '天津师范大学'], agri: ['天津农学院'], tech: ['天津大学', '天津工业大学', '河北工业大学'], med: ['天津医科大学', '天津中医药大学'] } },
  { code2: '13', short: '河北', pop: 74.6, agriSkills: ['小麦育种', '节水农业', '设施蔬菜'], agriAcademy: '河北省农林科学院',
    unis: { comp: ['河北大学', '河北师范大学'], agri: ['河北农业大学'], tech: ['燕山大学', '河北科技大学', '华北理工大学'], med: ['河北医科大学'] } },
  { code2: '14', short: '山西', pop: 34.9, agriSkills: ['杂粮育种', '旱作农业'],
    unis: { comp: ['山西大学'], agri: ['山西农业大学'], tech: ['太原理工大学', '中北大学'], med: ['山西医科大学'] } },
  { code2: '15', short: '内蒙古', pop: 24.0, agriSkills: ['草原畜牧业', '奶业', '马铃薯栽培'],
    unis: { comp: ['内蒙古大学'], agri: ['内蒙古农业大学'], tech: ['内蒙古工业大学', '内蒙古科技大学'], med: ['内蒙古医科大学'] } },
  { code2: '21', short: '辽宁', pop: 42.6, agriSkills: ['设施农业', '水稻育种', '苹果栽培'],
    unis: { comp: ['辽宁大学'], agri: ['沈阳农业大学'], tech: ['大连理工大学', '东北大学', '沈阳工业大学'], med: ['中国医科大学', '大连医科大学'] } },
  { code2: '22', short: '吉林', pop: 24.1, agriSkills: ['玉米育种', '人参种植', '黑土地保护'],
    unis: { comp: ['吉林大学', '东北师范大学'], agri: ['吉林农业大学'], tech: ['长春理工大学', '长春工业大学'], med: ['长春中医药大学'] } },
  { code2: '23', short: '黑龙江', pop: 31.9, agriSkills: ['大豆育种', '寒地水稻', '黑土地保护'],
    unis: { comp: ['黑龙江大学'], agri: ['东北农业大学', '黑龙江八一农垦大学', '东北林业大学'], tech: ['哈尔滨工业大学', '哈尔滨工程大学'], med: ['哈尔滨医科大学'] } },
  { code2: '31', short: '上海', pop: 24.9, agriSkills: ['都市农业', '智慧农业'],
    unis: { comp: ['复旦大学', '华东师范大学'], agri: ['上海海洋大学'], tech: ['上海交通大学', '同济大学', '华东理工大学'], med: ['上海中医药大学'] } },
  { code2: '32', short: '江苏', pop: 84.7, agriSkills: ['水稻育种', '稻渔综合种养'],
    unis: { comp: ['南京大学', '苏州大学'], agri: ['南京农业大学', '扬州大学', '南京林业大学'], tech: ['东南大学', '南京航空航天大学', '江南大学'], med: ['南京医科大学', '南京中医药大学'] } },
  { code2: '33', short: '浙江', pop: 64.6, agriSkills: ['茶叶栽培', '竹产业', '稻渔综合种养'],
    unis: { comp: ['浙江大学', '浙江师范大学'], agri: ['浙江农林大学'], tech: ['浙江工业大学', '杭州电子科技大学'], med: ['温州医科大学', '浙江中医药大学'] } },
  { code2: '34', short: '安徽', pop: 61.0, agriSkills: ['小麦育种', '茶叶加工'],
    unis: { comp: ['安徽大学'], agri: ['安徽农业大学'], tech: ['中国科学技术大学', '合肥工业大学'], med: ['安徽医科大学'] } },
  { code2: '35', short: '福建', pop: 41.5, agriSkills: ['茶叶栽培', '食用菌栽培', '海水养殖'],
    unis: { comp: ['厦门大学', '福建师范大学'], agri: ['福建农林大学'], tech: ['福州大学'], med: ['福建医科大学'] } },
  { code2: '36', short: '江西', pop: 45.2, agriSkills: ['双季稻栽培', '脐橙栽培', '油茶栽培'],
    unis: { comp: ['南昌大学', '江西师范大学'], agri: ['江西农业大学'], tech: ['华东交通大学', '江西理工大学'], med: ['江西中医药大学'] } },
  { code2: '37', short: '山东', pop: 101.5, agriSkills: ['蔬菜栽培', '小麦育种', '苹果栽培'],
    unis: { comp: ['山东大学', '中国海洋大学'], agri: ['山东农业大学', '青岛农业大学'], tech: ['中国石油大学（华东）', '山东科技大学'], med: ['山东第一医科大学'] } },
  { code2: '41', short: '河南', pop: 99.4, agriSkills: ['小麦育种', '花生育种'],
    unis: { comp: ['郑州大学', '河南大学'], agri: ['河南农业大学'], tech: ['河南理工大学', '河南科技大学'], med: ['新乡医学院'] } },
  { code2: '42', short: '湖北', pop: 57.8, agriSkills: ['油菜育种', '淡水养殖'],
    unis: { comp: ['武汉大学', '华中师范大学'], agri: ['华中农业大学'], tech: ['华中科技大学', '武汉理工大学'], med: ['湖北医药学院'] } },
  { code2: '43', short: '湖南', pop: 66.4, agriSkills: ['杂交水稻', '油茶栽培'],
    unis: { comp: ['湖南大学', '湖南师范大学'], agri: ['湖南农业大学', '中南林业科技大学'], tech: ['中南大学', '湘潭大学'], med: ['湖南中医药大学'] } },
  { code2: '44', short: '广东', pop: 126.0, agriSkills: ['荔枝栽培', '水产养殖', '丝苗米育种'],
    unis: { comp: ['中山大学', '暨南大学'], agri: ['华南农业大学', '广东海洋大学'], tech: ['华南理工大学', '广东工业大学'], med: ['南方医科大学', '广州医科大学'] } },
  { code2: '45', short: '广西', pop: 50.1, agriSkills: ['甘蔗育种', '柑橘栽培'],
    unis: { comp: ['广西大学', '广西师范大学'], agri: ['广西大学'], tech: ['桂林电子科技大学', '广西科技大学'], med: ['广西医科大学'] } },
  { code2: '46', short: '海南', pop: 10.1, agriSkills: ['南繁育种', '热带作物栽培'],
    unis: { comp: ['海南大学', '海南师范大学'], agri: ['海南大学'], tech: ['海南大学'], med: ['海南医科大学'] } },
  { code2: '50', short: '重庆', pop: 32.1, agriSkills: ['柑橘栽培', '生猪养殖', '榨菜加工'],
    unis: { comp: ['重庆大学', '西南大学'], agri: ['西南大学'], tech: ['重庆大学', '重庆邮电大学', '重庆交通大学'], med: ['重庆医科大学'] } },
  { code2: '51', short: '四川', pop: 83.7, agriSkills: ['生猪养殖', '猕猴桃栽培', '川茶栽培', '油菜育种'],
    unis: { comp: ['四川大学', '西南财经大学', '四川师范大学'], agri: ['四川农业大学'], tech: ['电子科技大学', '西南交通大学', '西南石油大学'], med: ['成都中医药大学', '西南医科大学'] } },
  { code2: '52', short: '贵州', pop: 38.6, agriSkills: ['茶叶栽培', '辣椒育种', '中药材种植', '刺梨栽培'],
    unis: { comp: ['贵州大学', '贵州师范大学'], agri: ['贵州大学'], tech: ['贵州大学', '贵州理工学院'], med: ['贵州医科大学', '遵义医科大学'] } },
  { code2: '53', short: '云南', pop: 47.2, agriSkills: ['高原特色农业', '咖啡栽培', '花卉育种'],
    unis: { comp: ['云南大学'], agri: ['云南农业大学', '西南林业大学'], tech: ['昆明理工大学'], med: ['昆明医科大学'] } },
  { code2: '54', short: '西藏', pop: 3.6, agriSkills: ['青稞育种', '牦牛养殖'], agriAcademy: '西藏自治区农牧科学院',
    unis: { comp: ['西藏大学'], agri: ['西藏农牧大学'], tech: ['西藏大学'], med: ['西藏藏医药大学'] } },
  { code2: '61', short: '陕西', pop: 39.5, agriSkills: ['苹果栽培', '猕猴桃栽培', '旱作农业'],
    unis: { comp: ['西北大学', '陕西师范大学'], agri: ['西北农林科技大学'], tech: ['西安交通大学', '西北工业大学', '西安电子科技大学'], med: ['西安医学院'] } },
  { code2: '62', short: '甘肃', pop: 25.0, agriSkills: ['马铃薯脱毒种薯', '旱作农业', '中药材种植'],
    unis: { comp: ['兰州大学', '西北师范大学'], agri: ['甘肃农业大学'], tech: ['兰州理工大学', '兰州交通大学'], med: ['甘肃中医药大学'] } },
  { code2: '63', short: '青海', pop: 5.9, agriSkills: ['牦牛养殖', '青稞育种', '冷水鱼养殖'], agriAcademy: '青海省农林科学院',
    unis: { comp: ['青海大学', '青海师范大学'], agri: ['青海大学'], tech: ['青海大学'], med: ['青海大学'] } },
  { code2: '64', short: '宁夏', pop: 7.2, agriSkills: ['枸杞栽培', '滩羊养殖', '酿酒葡萄栽培'], agriAcademy: '宁夏农林科学院',
    unis: { comp: ['宁夏大学'], agri: ['宁夏大学'], tech: ['北方民族大学'], med: ['宁夏医科大学'] } },
  { code2: '65', short: '新疆', pop: 25.9, agriSkills: ['棉花栽培', '林果业', '节水灌溉'],
    unis: { comp: ['新疆大学', '石河子大学'], agri: ['新疆农业大学', '塔里木大学'], tech: ['新疆大学'], med: ['新疆医科大学'] } },
];

/**
 * Discipline family decides which kind of organisation a talent works for and which title
 * ladder applies: agricultural science, medicine, engineering and sciences, social sciences.
 */
export type Family = 'agri' | 'med' | 'eng' | 'soc';

export interface DisciplineInfo {
  family: Family;
  /** Skill keywords, all Chinese, each at most 40 characters. */
  skills: readonly string[];
  /** Words for a company's line of business (e.g. 农业科技) when the talent works in one. */
  trades: readonly string[];
}

export const DISCIPLINE_INFO: Readonly<Record<string, DisciplineInfo>> = {
  '110': { family: 'eng', skills: ['运筹优化', '数学建模', '密码学'], trades: ['数据科技'] },
  '120': { family: 'eng', skills: ['系统工程', '控制理论', '信息论'], trades: ['信息技术'] },
  '130': { family: 'eng', skills: ['结构力学', '流体力学仿真', '振动与噪声控制'], trades: ['工程技术'] },
  '140': { family: 'eng', skills: ['光电检测', '激光技术', '半导体物理'], trades: ['光电科技'] },
  '150': { family: 'eng', skills: ['分析检测', '催化化学', '高分子合成'], trades: ['化学科技'] },
  '160': { family: 'soc', skills: ['天文科普', '天文观测'], trades: ['科普文化'] },
  '170': { family: 'eng', skills: ['地质灾害防治', '农业气象', '水文地质'], trades: ['地质勘查'] },
  '180': { family: 'agri', skills: ['分子育种', '微生物发酵', '生物多样性保护', '基因编辑'], trades: ['生物科技'] },
  '190': { family: 'soc', skills: ['心理健康服务', '心理咨询'], trades: ['心理咨询'] },
  '210': { family: 'agri', skills: ['水稻育种', '玉米栽培', '植物保护', '土壤肥料', '设施农业', '智慧农业', '果树栽培', '蔬菜栽培', '农技推广', '高标准农田建设'], trades: ['农业科技', '种业'] },
  '220': { family: 'agri', skills: ['林木育种', '森林培育', '经济林栽培', '林下经济', '森林防火', '国土绿化'], trades: ['林业'] },
  '230': { family: 'agri', skills: ['生猪养殖', '奶牛养殖', '动物疫病防控', '牛羊品种改良', '饲料营养', '兽医临床'], trades: ['牧业', '畜牧科技'] },
  '240': { family: 'agri', skills: ['水产养殖', '稻渔综合种养', '渔业资源保护', '水产病害防治'], trades: ['水产'] },
  '310': { family: 'med', skills: ['病理学', '免疫学', '医学检验'], trades: ['医学检验'] },
  '320': { family: 'med', skills: ['心血管内科', '全科医学', '骨科', '肿瘤诊疗', '远程医疗', '基层医疗'], trades: ['医疗管理'] },
  '330': { family: 'med', skills: ['公共卫生应急', '慢病管理', '疾病监测'], trades: ['健康管理'] },
  '340': { family: 'med', skills: ['高原医学', '航空医学'], trades: ['医疗器械'] },
  '350': { family: 'med', skills: ['药物研发', '临床药学', '药品质量控制'], trades: ['医药', '生物制药'] },
  '360': { family: 'med', skills: ['中医内科', '针灸推拿', '中药材鉴定', '民族医药'], trades: ['中药'] },
  '410': { family: 'eng', skills: ['标准化', '工程制图', '检验检测'], trades: ['检测技术'] },
  '413': { family: 'eng', skills: ['自动控制', '工业互联网', '传感器网络'], trades: ['自动化'] },
  '416': { family: 'eng', skills: ['仪器研制', '精密测量'], trades: ['仪器'] },
  '420': { family: 'eng', skills: ['遥感测绘', '地理信息系统', '北斗导航应用'], trades: ['测绘地理信息'] },
  '430': { family: 'eng', skills: ['新材料', '稀土功能材料', '锂电池材料', '复合材料'], trades: ['新材料'] },
  '440': { family: 'eng', skills: ['煤矿安全开采', '智能矿山', '矿产资源综合利用'], trades: ['矿业'] },
  '450': { family: 'eng', skills: ['钢铁冶金', '有色金属冶炼', '低碳冶炼'], trades: ['冶金', '钢铁'] },
  '460': { family: 'eng', skills: ['智能制造', '数控加工', '工业机器人', '农机装备', '精密制造'], trades: ['智能装备', '机械制造'] },
  '470': { family: 'eng', skills: ['电力系统自动化', '新能源汽车电驱', '智能电网'], trades: ['电气', '电力科技'] },
  '480': { family: 'eng', skills: ['光伏发电', '储能技术', '氢能', '风电运维'], trades: ['新能源'] },
  '490': { family: 'eng', skills: ['核电安全', '核技术应用'], trades: ['核技术'] },
  '510': { family: 'eng', skills: ['集成电路设计', '5G通信', '物联网', '电子信息'], trades: ['电子科技', '通信技术'] },
  '520': { family: 'eng', skills: ['人工智能', '大数据', '软件工程', '云计算', '网络安全'], trades: ['信息技术', '软件', '数据科技'] },
  '530': { family: 'eng', skills: ['精细化工', '化工工艺', '绿色化工'], trades: ['化工'] },
  '535': { family: 'eng', skills: ['仪器仪表', '工业设计'], trades: ['仪器仪表'] },
  '540': { family: 'eng', skills: ['纺织新材料', '服装设计', '印染技术'], trades: ['纺织', '服饰'] },
  '550': { family: 'agri', skills: ['农产品加工', '食品安全检测', '冷链物流', '白酒酿造', '茶叶加工'], trades: ['食品', '农产品加工'] },
  '560': { family: 'eng', skills: ['装配式建筑', '桥梁工程', '城市更新', '绿色建筑'], trades: ['建设工程', '建筑设计'] },
  '570': { family: 'eng', skills: ['水资源管理', '节水灌溉', '水利工程建设'], trades: ['水利建设'] },
  '580': { family: 'eng', skills: ['轨道交通', '智慧物流', '公路养护'], trades: ['交通建设', '物流'] },
  '590': { family: 'eng', skills: ['航空发动机', '无人机应用', '卫星应用'], trades: ['航空科技'] },
  '610': { family: 'eng', skills: ['生态修复', '污染治理', '碳排放核算', '土壤污染修复'], trades: ['环保科技'] },
  '620': { family: 'eng', skills: ['安全生产', '应急管理', '消防工程'], trades: ['安全技术'] },
  '630': { family: 'soc', skills: ['企业管理', '乡村治理', '项目管理', '乡村旅游'], trades: ['管理咨询'] },
  '710': { family: 'soc', skills: ['理论宣讲', '党建研究'], trades: ['文化传播'] },
  '720': { family: 'soc', skills: ['科技伦理', '传统文化研究'], trades: ['文化传播'] },
  '730': { family: 'soc', skills: ['宗教文化研究'], trades: ['文化传播'] },
  '740': { family: 'soc', skills: ['翻译', '方言保护', '国际中文教育'], trades: ['翻译'] },
  '750': { family: 'soc', skills: ['文学创作', '地方文献整理'], trades: ['文化传媒'] },
  '760': { family: 'soc', skills: ['非遗保护', '文化创意', '工艺美术', '乡村旅游'], trades: ['文化创意', '文化旅游发展'] },
  '770': { family: 'soc', skills: ['地方史研究', '红色文化'], trades: ['文化旅游发展'] },
  '780': { family: 'soc', skills: ['文物保护', '考古发掘'], trades: ['文物保护工程'] },
  '790': { family: 'soc', skills: ['区域经济', '农村金融', '数字经济', '产业规划'], trades: ['投资', '经济咨询'] },
  '810': { family: 'soc', skills: ['公共政策', '基层治理'], trades: ['咨询'] },
  '820': { family: 'soc', skills: ['法律服务', '知识产权', '劳动法'], trades: ['法律咨询'] },
  '830': { family: 'soc', skills: ['国防教育'], trades: ['教育科技'] },
  '840': { family: 'soc', skills: ['社会工作', '养老服务', '社区治理'], trades: ['社会服务'] },
  '850': { family: 'soc', skills: ['民族文化保护', '民俗研究'], trades: ['文化旅游发展'] },
  '860': { family: 'soc', skills: ['新媒体传播', '融媒体', '直播电商'], trades: ['文化传媒', '电子商务'] },
  '870': { family: 'soc', skills: ['档案管理', '科技情报'], trades: ['信息咨询'] },
  '880': { family: 'soc', skills: ['职业教育', '乡村教育', '教育信息化'], trades: ['教育科技'] },
  '890': { family: 'soc', skills: ['全民健身', '运动训练'], trades: ['体育发展'] },
  '910': { family: 'soc', skills: ['统计分析', '抽样调查', '数据治理'], trades: ['数据科技'] },
};

/** The three sectors in a fixed order: the generator's draws depend on it. */
export const SECTORS: readonly Sector[] = ['AGRICULTURE', 'INDUSTRY', 'SERVICES'];

/**
 * Discipline weights per sector. Agriculture centres on 210-240 and food science 550;
 * industry on engineering (4xx/5xx); services on medicine (3xx), management (630) and the
 * humanities and social sciences (7xx/8xx, 910). Every first-level code appears somewhere.
 */
export const SECTOR_DISCIPLINES: Readonly<Record<Sector, ReadonlyArray<readonly [code: string, weight: number]>>> = {
  AGRICULTURE: [
    ['210', 30], ['220', 10], ['230', 14], ['240', 7], ['550', 8], ['180', 5], ['610', 4], ['570', 3], ['790', 3],
    ['630', 2], ['360', 2], ['170', 1],
  ],
  INDUSTRY: [
    ['460', 14], ['520', 12], ['510', 10], ['430', 9], ['470', 8], ['480', 7], ['530', 6], ['560', 7], ['580', 5],
    ['450', 3], ['440', 3], ['413', 4], ['410', 2], ['416', 1], ['420', 2], ['535', 2], ['540', 2], ['590', 2],
    ['490', 1], ['620', 2], ['610', 3], ['150', 2], ['140', 2], ['130', 1], ['120', 1], ['550', 2], ['570', 2],
    ['170', 1], ['110', 1],
  ],
  SERVICES: [
    ['320', 12], ['330', 4], ['360', 4], ['350', 3], ['310', 2], ['340', 0.3], ['630', 10], ['790', 9], ['880', 7],
    ['820', 4], ['840', 3], ['760', 4], ['750', 2], ['770', 2], ['780', 1], ['740', 2], ['860', 3], ['870', 1],
    ['890', 2], ['910', 3], ['190', 2], ['850', 2], ['810', 1], ['710', 1], ['720', 1], ['730', 0.3], ['830', 0.2],
    ['520', 4], ['110', 1], ['160', 0.2], ['580', 1],
  ],
};

/** Skills any talent of the sector may list besides their discipline's. */
export const SECTOR_SKILLS: Readonly<Record<Sector, readonly string[]>> = {
  AGRICULTURE: ['乡村振兴', '科技特派员服务', '农技推广', '新型职业农民培训', '农业社会化服务'],
  INDUSTRY: ['技术攻关', '成果转化', '专利布局', '数字化转型', '质量管理'],
  SERVICES: ['公共服务', '乡村旅游', '人才培训', '政策咨询', '基层服务'],
};

/**
 * Common Chinese surnames with approximate shares in percent (household registration
 * statistics, rounded) and a pinyin form for synthetic e-mail addresses.
 */
export const SURNAMES: ReadonlyArray<readonly [surname: string, pinyin: string, percent: number]> = [
  ['王', 'wang', 7.1], ['李', 'li', 7.0], ['张', 'zhang', 6.7], ['刘', 'liu', 5.1], ['陈', 'chen', 4.6],
  ['杨', 'yang', 3.2], ['黄', 'huang', 2.5], ['赵', 'zhao', 2.2], ['吴', 'wu', 2.0], ['周', 'zhou', 1.9],
  ['徐', 'xu', 1.5], ['孙', 'sun', 1.4], ['马', 'ma', 1.3], ['朱', 'zhu', 1.3], ['胡', 'hu', 1.2],
  ['郭', 'guo', 1.1], ['何', 'he', 1.1], ['林', 'lin', 1.0], ['高', 'gao', 1.0], ['罗', 'luo', 0.95],
  ['郑', 'zheng', 0.93], ['梁', 'liang', 0.88], ['谢', 'xie', 0.81], ['宋', 'song', 0.76], ['唐', 'tang', 0.74],
  ['许', 'xu', 0.69], ['韩', 'han', 0.68], ['邓', 'deng', 0.66], ['冯', 'feng', 0.65], ['曹', 'cao', 0.63],
  ['彭', 'peng', 0.62], ['曾', 'zeng', 0.59], ['肖', 'xiao', 0.58], ['田', 'tian', 0.56], ['董', 'dong', 0.55],
  ['潘', 'pan', 0.52], ['袁', 'yuan', 0.52], ['蔡', 'cai', 0.5], ['蒋', 'jiang', 0.5], ['余', 'yu', 0.49],
  ['于', 'yu', 0.49], ['杜', 'du', 0.48], ['叶', 'ye', 0.47], ['程', 'cheng', 0.46], ['魏', 'wei', 0.45],
  ['苏', 'su', 0.44], ['吕', 'lv', 0.44], ['丁', 'ding', 0.43], ['任', 'ren', 0.42], ['卢', 'lu', 0.41],
  ['姚', 'yao', 0.4], ['沈', 'shen', 0.4], ['钟', 'zhong', 0.39], ['姜', 'jiang', 0.39], ['崔', 'cui', 0.38],
  ['谭', 'tan', 0.37], ['陆', 'lu', 0.36], ['范', 'fan', 0.35], ['汪', 'wang', 0.35], ['廖', 'liao', 0.34],
  ['石', 'shi', 0.34], ['金', 'jin', 0.33], ['韦', 'wei', 0.32], ['贾', 'jia', 0.32], ['夏', 'xia', 0.31],
  ['付', 'fu', 0.31], ['方', 'fang', 0.3], ['邹', 'zou', 0.29], ['熊', 'xiong', 0.29], ['白', 'bai', 0.29],
  ['孟', 'meng', 0.28], ['秦', 'qin', 0.28], ['邱', 'qiu', 0.27], ['侯', 'hou', 0.27], ['江', 'jiang', 0.27],
  ['尹', 'yin', 0.26], ['薛', 'xue', 0.26], ['闫', 'yan', 0.25], ['段', 'duan', 0.25], ['雷', 'lei', 0.24],
  ['龙', 'long', 0.23], ['黎', 'li', 0.23], ['史', 'shi', 0.23], ['陶', 'tao', 0.22], ['贺', 'he', 0.22],
  ['毛', 'mao', 0.21], ['郝', 'hao', 0.21], ['顾', 'gu', 0.2], ['龚', 'gong', 0.2], ['邵', 'shao', 0.19],
  ['万', 'wan', 0.19], ['覃', 'qin', 0.18], ['武', 'wu', 0.18], ['钱', 'qian', 0.18], ['戴', 'dai', 0.18],
  ['严', 'yan', 0.17], ['莫', 'mo', 0.17], ['孔', 'kong', 0.16], ['向', 'xiang', 0.16], ['常', 'chang', 0.16],
  ['欧阳', 'ouyang', 0.05], ['诸葛', 'zhuge', 0.005], ['司马', 'sima', 0.005],
];

/**
 * Characters for given names of people born 1955-2000 (faker's zh_CN names lean towards
 * names of children born after 2010, so they are mixed with these).
 */
export const GIVEN_NAME_CHARS = {
  MALE: '建国志明伟华军平东海文斌勇杰涛俊峰磊强林宏波辉刚永春新庆立学晓光宇红卫忠德成兴荣超鹏飞亮军毅凯明远振江'.split(''),
  FEMALE: '丽静敏燕艳娟霞玲芳红梅莉婷雪慧琳晓秀英萍颖兰凤桂云玉华珍琴洁佳丹倩璐欣悦岚蓉菲'.split(''),
} as const;

/** Second halves of company names (法人类型). */
export const LEGAL_FORMS = ['有限公司', '有限责任公司', '股份有限公司', '集团有限公司'] as const;
