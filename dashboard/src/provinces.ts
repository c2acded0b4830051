/**
 * The 34 provincial-level regions as a tile grid (a cartogram: one equal tile per province, placed
 * roughly where it lies), so the map needs no boundary data. [code, short name, column, row].
 */
export const PROVINCE_TILES: readonly (readonly [code: string, name: string, col: number, row: number])[] = [
  ['650000', '新疆', 0, 0],
  ['230000', '黑龙江', 7, 0],
  ['630000', '青海', 1, 1],
  ['620000', '甘肃', 2, 1],
  ['150000', '内蒙古', 3, 1],
  ['110000', '北京', 4, 1],
  ['120000', '天津', 5, 1],
  ['210000', '辽宁', 6, 1],
  ['220000', '吉林', 7, 1],
  ['540000', '西藏', 0, 2],
  ['510000', '四川', 1, 2],
  ['640000', '宁夏', 2, 2],
  ['140000', '山西', 3, 2],
  ['130000', '河北', 4, 2],
  ['370000', '山东', 5, 2],
  ['500000', '重庆', 1, 3],
  ['610000', '陕西', 2, 3],
  ['410000', '河南', 3, 3],
  ['340000', '安徽', 4, 3],
  ['320000', '江苏', 5, 3],
  ['310000', '上海', 6, 3],
  ['530000', '云南', 0, 4],
  ['520000', '贵州', 1, 4],
  ['420000', '湖北', 2, 4],
  ['360000', '江西', 3, 4],
  ['330000', '浙江', 4, 4],
  ['450000', '广西', 1, 5],
  ['430000', '湖南', 2, 5],
  ['440000', '广东', 3, 5],
  ['350000', '福建', 4, 5],
  ['710000', '台湾', 5, 5],
  ['460000', '海南', 1, 6],
  ['820000', '澳门', 2, 6],
  ['810000', '香港', 3, 6],
];

/** The size of the tile grid. */
export const GRID_COLUMNS = 8;
export const GRID_ROWS = 7;

const SHORT = new Map(PROVINCE_TILES.map(([code, name]) => [code, name]));

/** 四川 for 510000; the code itself for anything else. */
export function shortName(code: string): string {
  return SHORT.get(code) ?? code;
}
