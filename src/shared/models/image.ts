import { editImages, type SizeRule } from './forms';
import type { SourceId } from './sources';
import type { ImageEntry, ImageRoute } from './types';

const QWEN_SIZES = ['1664*928', '1472*1104', '1328*1328', '1104*1472', '928*1664'];
const WAN_RANGE: SizeRule = { kind: 'range', min: 512, max: 1440, optional: false };
/** qwen-image-2.0 and z-image: any `W*H` of 512*512 to 2048*2048 pixels in all [L side bounds]. */
const PIXELS_2K: SizeRule = { kind: 'range', min: 256, max: 4096, optional: false, minPixels: 512 * 512, maxPixels: 2048 * 2048 };
const EDIT_RANGE: SizeRule = { kind: 'range', min: 512, max: 2048, optional: true };

interface Spec extends Partial<Omit<ImageEntry, 'kind' | 'id' | 'description' | 'source' | 'route'>> {
  readonly route: ImageRoute;
  readonly source: SourceId;
}

const image = (id: string, spec: Spec, en: string, zh: string): ImageEntry => {
  const size = spec.size ?? { kind: 'list', values: QWEN_SIZES };
  const inputs = spec.inputs ?? [];
  const defaultSize = spec.defaultSize ?? (size.kind === 'list' ? size.values[0] : undefined);
  return {
    kind: 'image',
    id,
    sync: spec.route === 'multimodal',
    size,
    ...(defaultSize ? { defaultSize } : {}),
    maxCount: 4,
    promptExtend: true,
    promptMax: 800,
    thinkingMode: false,
    edit: inputs.length > 0,
    ...spec,
    inputs,
    description: { en, 'zh-cn': zh },
  };
};

const qwen = { route: 'multimodal', source: 'qwenImage' } as const;
const wan = { route: 'text2image', source: 'wanLegacyImage', size: WAN_RANGE, defaultSize: '1024*1024' } as const;
const wan27 = { route: 'imageGeneration', source: 'wanImage', thinkingMode: true } as const;

/** The image models the image panel offers, in the order it lists them. */
export const IMAGE_MODELS: readonly ImageEntry[] = [
  image('qwen-image-plus', qwen, 'Qwen image, text rendering in Chinese and English', 'Qwen 图像生成，擅长中英文文字渲染'),
  image('qwen-image', qwen, 'Qwen image, first release', 'Qwen 图像生成，首个版本'),
  image('qwen-image-max', qwen, 'Qwen image, highest quality of the first series', 'Qwen 图像生成，首个系列中质量最高'),
  image('qwen-image-2.0', { ...qwen, size: PIXELS_2K, defaultSize: '1024*1024', maxCount: 6 }, 'Qwen image 2.0: fast, up to 2K', 'Qwen 图像 2.0：速度快，最高 2K'),
  image('qwen-image-2.0-pro', { ...qwen, size: PIXELS_2K, defaultSize: '1024*1024', maxCount: 6 }, 'Qwen image 2.0 Pro: best text rendering and realism, up to 2K', 'Qwen 图像 2.0 Pro：文字渲染与真实感最佳，最高 2K'),
  image('qwen-image-3.0-pro', { ...qwen, source: 'qwenImage3', size: PIXELS_2K, defaultSize: '1024*1024', maxCount: 6 }, 'Qwen image 3.0 Pro: generation and editing, up to 2K', 'Qwen 图像 3.0 Pro：生成与编辑，最高 2K'),
  image('z-image-turbo', { ...qwen, source: 'zImage', size: PIXELS_2K, defaultSize: '1024*1024', maxCount: 1 }, 'Z-Image Turbo: fast lightweight text-to-image', 'Z-Image Turbo：轻量快速文生图'),
  image('qwen-image-edit', { ...qwen, size: { kind: 'none' }, maxCount: 1, promptExtend: false, inputs: [editImages(1)] }, 'Edit one image with an instruction (one output)', '按指令编辑一张图片（输出一张）'),
  image('qwen-image-edit-plus', { ...qwen, size: EDIT_RANGE, maxCount: 6, inputs: [editImages(3)] }, 'Edit 1–3 images with an instruction (up to 6 outputs)', '按指令编辑 1–3 张图片（最多输出 6 张）'),
  image('qwen-image-edit-max', { ...qwen, size: EDIT_RANGE, maxCount: 6, inputs: [editImages(3)] }, 'Best-quality multi-image editing', '质量最高的多图编辑'),
  image('wan2.7-image', { ...wan27, size: { kind: 'list', values: ['1K', '2K'] }, defaultSize: '1K' }, 'Wan 2.7 image, faster, with thinking mode (task)', '万相 2.7 图像，速度更快，支持思考模式（任务）'),
  image('wan2.7-image-pro', { ...wan27, size: { kind: 'list', values: ['1K', '2K', '4K'] }, defaultSize: '2K' }, 'Wan 2.7 image Pro, up to 4K, with thinking mode (task)', '万相 2.7 图像 Pro，最高 4K，支持思考模式（任务）'),
  image('wan2.6-t2i', { ...wan, route: 'imageGeneration', source: 'wanImage' }, 'Wan 2.6 text-to-image (task)', '万相 2.6 文生图（任务）'),
  image('wan2.5-t2i-preview', wan, 'Wan 2.5 text-to-image preview (task)', '万相 2.5 文生图预览版（任务）'),
  image('wan2.2-t2i-plus', wan, 'Wan 2.2 text-to-image Plus (task)', '万相 2.2 文生图 Plus（任务）'),
  image('wan2.2-t2i-flash', wan, 'Wan 2.2 text-to-image Flash (task)', '万相 2.2 文生图 Flash（任务）'),
  image('wanx2.1-t2i-plus', wan, 'Wan 2.1 text-to-image Plus (task)', '万相 2.1 文生图 Plus（任务）'),
  image('wanx2.1-t2i-turbo', wan, 'Wan 2.1 text-to-image Turbo (task)', '万相 2.1 文生图 Turbo（任务）'),
  image('wanx-v1', { ...wan, size: { kind: 'list', values: ['1024*1024', '720*1280', '1280*720', '768*1152'] } }, 'Wanx v1 (task)', '万相 v1（任务）'),
  image('wan2.5-i2i-preview', { ...wan, route: 'image2image', inputs: [editImages(3)] }, 'Wan 2.5 image-to-image editing (task)', '万相 2.5 图生图编辑（任务）'),
  image('wanx2.1-imageedit', { ...wan, route: 'image2image', size: { kind: 'none' }, inputs: [editImages(1)] }, 'Wan 2.1 general image editing (task)', '万相 2.1 通用图像编辑（任务）'),
];

/** The endpoint family of an image id the catalog does not know, by the patterns the official SDKs use. */
export function imageRouteOf(id: string): ImageRoute {
  if (/imageedit|i2i/.test(id)) return 'image2image';
  if (/^(qwen-image|z-image)/.test(id)) return 'multimodal';
  if (/^wan\d+(\.\d+)?-(image|t2i)/.test(id) && !/^wan2\.[0-5]-/.test(id)) return 'imageGeneration';
  return 'text2image';
}

/** Ids that name an image model by their family, known to the catalog or not. */
export const IMAGE_FAMILY = /^(qwen-image|z-image|wanx?[\d.]*-(image|t2i|i2i|imageedit)|wanx-v\d)/;
