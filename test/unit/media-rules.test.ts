import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMAGE_MODELS, VIDEO_MODELS } from '../../src/shared/models';
import {
  adaptImageForm,
  adaptVideoForm,
  checkImageForm,
  checkVideoForm,
  defaultImageForm,
  defaultVideoForm,
  IMAGE_RULES,
  VIDEO_RULES,
  videoForm,
  type ImageForm,
  type MediaInput,
  type SlotRule,
  type VideoForm,
} from '../../src/shared/protocol/mediaRules';

const MB = 1024 * 1024;
const file = (name: string, mimeType: string, sizeBytes = 200_000): MediaInput => ({ id: `/work/${name}`, name, mimeType, sizeBytes });
/** A file each slot accepts, as many as it needs. */
const filesFor = (rules: readonly SlotRule[]) => Object.fromEntries(rules.filter((rule) => rule.min > 0).map((rule) => [rule.slot, Array.from({ length: rule.min }, (_, i) => file(`in${i}.png`, rule.types[0]!))]));

const validImage = (model: string): ImageForm => {
  const rule = IMAGE_RULES.find((candidate) => candidate.id === model)!;
  return { ...defaultImageForm(model), prompt: 'a red kite', size: rule.size.kind === 'range' ? '1024*1024' : defaultImageForm(model).size, inputs: filesFor(rule.inputs) };
};
const validVideo = (model: string): VideoForm => {
  const rule = VIDEO_RULES.find((candidate) => candidate.id === model)!;
  return { ...defaultVideoForm(model), prompt: 'a paper boat', inputs: filesFor(rule.inputs) };
};
const issuesOf = (result: { ok: boolean; issues?: Record<string, string | undefined> }) => (result.ok ? {} : result.issues!);

describe('image model rules', () => {
  it('are the catalog\'s image entries, consistent with their routes', () => {
    assert.equal(IMAGE_RULES, IMAGE_MODELS);
    for (const model of IMAGE_MODELS) {
      assert.equal(model.sync, model.route === 'multimodal', `${model.id}: sync follows the endpoint family`);
      assert.equal(model.inputs.length > 0, model.edit, `${model.id}: input images exactly for edit models`);
    }
  });

  for (const rule of IMAGE_RULES) {
    describe(rule.id, () => {
      it('accepts a complete form and its defaults', () => {
        const result = checkImageForm(validImage(rule.id));
        assert.ok(result.ok, JSON.stringify(issuesOf(result)));
        assert.equal(result.value.model, rule.id);
        if (rule.size.kind === 'none') assert.equal(result.value.size, undefined, 'no size is sent to a model that takes none');
        if (!rule.promptExtend) assert.equal(result.value.promptExtend, undefined);
      });

      it('refuses an empty prompt, a bad seed and too many images', () => {
        const issues = issuesOf(checkImageForm({ ...validImage(rule.id), prompt: '  ', seed: '-1', count: String(rule.maxCount + 1) }));
        assert.match(issues.prompt ?? '', /Describe/);
        assert.match(issues.seed ?? '', /0 to 2147483647/);
        assert.match(issues.count ?? '', new RegExp(rule.maxCount === 1 ? 'one image' : `1 to ${rule.maxCount}`));
      });

      if (rule.size.kind === 'list') {
        it('refuses a size outside its list', () => {
          assert.match(issuesOf(checkImageForm({ ...validImage(rule.id), size: '1000*1000' })).size ?? '', /accepts these sizes/);
        });
      }
      if (rule.size.kind === 'range') {
        it('refuses a size in the wrong form or out of range', () => {
          assert.match(issuesOf(checkImageForm({ ...validImage(rule.id), size: '1024x1024' })).size ?? '', /width\*height/);
          assert.match(issuesOf(checkImageForm({ ...validImage(rule.id), size: '100*100' })).size ?? '', /from \S+ to \S+ pixels/);
        });
      }
      if (rule.inputs.length > 0) {
        it('refuses a missing image, a wrong file type and an oversized file', () => {
          assert.match(issuesOf(checkImageForm({ ...validImage(rule.id), inputs: {} })).images ?? '', /Add a file/);
          assert.match(issuesOf(checkImageForm({ ...validImage(rule.id), inputs: { images: [file('notes.pdf', 'application/pdf')] } })).images ?? '', /notes\.pdf is not a supported file type/);
          assert.match(issuesOf(checkImageForm({ ...validImage(rule.id), inputs: { images: [file('huge.png', 'image/png', 11 * MB)] } })).images ?? '', /huge\.png is larger than 10 MB/);
        });
      }
    });
  }

  it('moves a form to another model with values that model takes', () => {
    const form = adaptImageForm({ ...validImage('qwen-image-edit-plus'), size: '1024*1536', count: '6' }, 'qwen-image-plus');
    assert.equal(form.size, '1664*928');
    assert.equal(form.count, '1');
    assert.ok(checkImageForm({ ...form, inputs: {} }).ok);
  });
});

describe('video model rules', () => {
  it('are the catalog\'s video entries, in every mode', () => {
    assert.equal(VIDEO_RULES, VIDEO_MODELS);
    for (const mode of ['t2v', 'i2v', 'kf2v', 'r2v', 'edit']) assert.ok(VIDEO_RULES.some((rule) => rule.mode === mode), mode);
  });

  for (const rule of VIDEO_RULES) {
    describe(rule.id, () => {
      it('accepts a complete form and its defaults', () => {
        const result = checkVideoForm(validVideo(rule.id));
        assert.ok(result.ok, JSON.stringify(issuesOf(result)));
        assert.equal(result.value.mode, rule.mode);
        assert.equal(rule.picture.kind === 'size' ? result.value.size : result.value.resolution, rule.picture.defaultValue);
        // A default that keeps the source video's length is the service's own: nothing is sent.
        assert.equal(result.value.duration, rule.duration && 'keepSource' in rule.duration ? undefined : rule.duration?.defaultValue);
      });

      it('refuses a picture the model does not make', () => {
        assert.match(issuesOf(checkVideoForm({ ...validVideo(rule.id), picture: '4K' })).picture ?? '', /accepts/);
      });

      if (rule.duration) {
        it('refuses a duration the model does not allow', () => {
          for (const seconds of ['1', '16', '4.5', 'ten']) {
            assert.match(issuesOf(checkVideoForm({ ...validVideo(rule.id), duration: seconds })).duration ?? '', /makes videos of/, seconds);
          }
        });
      }

      for (const slot of rule.inputs.filter((input) => input.min > 0)) {
        it(`refuses a missing, mistyped or oversized ${slot.slot}`, () => {
          const without = { ...validVideo(rule.id).inputs, [slot.slot]: [] };
          assert.match(issuesOf(checkVideoForm({ ...validVideo(rule.id), inputs: without }))[slot.slot] ?? '', /Add a file/);
          const mistyped = { ...validVideo(rule.id).inputs, [slot.slot]: [file('clip.txt', 'text/plain')] };
          assert.match(issuesOf(checkVideoForm({ ...validVideo(rule.id), inputs: mistyped }))[slot.slot] ?? '', /not a supported file type/);
          const oversized = { ...validVideo(rule.id).inputs, [slot.slot]: [file('big', slot.types[0]!, slot.maxBytes + 1)] };
          assert.match(issuesOf(checkVideoForm({ ...validVideo(rule.id), inputs: oversized }))[slot.slot] ?? '', /larger than/);
        });
      }
    });
  }

  it('names the allowed durations in the message', () => {
    assert.match(issuesOf(checkVideoForm({ ...validVideo('wan2.5-t2v-preview'), duration: '7' })).duration ?? '', /5 \/ 10 seconds/);
    assert.match(issuesOf(checkVideoForm({ ...validVideo('wan2.6-t2v'), duration: '20' })).duration ?? '', /2–15 seconds/);
  });

  it('refuses an image-to-video request without its first frame', () => {
    assert.match(issuesOf(checkVideoForm({ ...validVideo('wan2.6-i2v'), inputs: {} })).firstFrame ?? '', /Add a file/);
  });

  it('does not require a prompt for image-to-video, but does for text-to-video', () => {
    assert.ok(checkVideoForm({ ...validVideo('wan2.2-i2v-flash'), prompt: '' }).ok);
    assert.match(issuesOf(checkVideoForm({ ...validVideo('wan2.6-t2v'), prompt: '' })).prompt ?? '', /Describe/);
  });

  it('sends only the slots the model takes, and the audio switch only where it exists', () => {
    const form = { ...validVideo('wan2.6-i2v-flash'), inputs: { ...validVideo('wan2.6-i2v-flash').inputs, video: [file('old.mp4', 'video/mp4')] } };
    const result = checkVideoForm(form);
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.value.inputs), ['firstFrame']);
    assert.equal(result.value.audio, true);
    const t2v = checkVideoForm(validVideo('wan2.6-t2v'));
    assert.ok(t2v.ok);
    assert.equal(t2v.value.audio, undefined);
  });

  it('keeps values the next model takes and replaces the others by its defaults', () => {
    const kept = adaptVideoForm({ ...validVideo('wan2.6-t2v'), duration: '10', picture: '1280*720' }, 'wan2.5-t2v-preview');
    assert.equal(kept.duration, '10');
    assert.equal(kept.picture, '1280*720');
    const replaced = adaptVideoForm({ ...validVideo('wan2.6-t2v'), duration: '12' }, 'wan2.2-t2v-plus');
    assert.equal(replaced.duration, '5');
    const i2v = adaptVideoForm(validVideo('wan2.6-t2v'), 'wan2.7-i2v');
    assert.equal(i2v.mode, 'i2v');
    assert.equal(i2v.picture, '1080P');
    assert.equal(i2v.ratio, '');
  });

  describe('shot type (wan2.6)', () => {
    const shotModels = VIDEO_RULES.filter((rule) => rule.shotType).map((rule) => rule.id);

    it('is taken by the wan2.6 text, image and reference models only', () => {
      assert.deepEqual(shotModels, ['wan2.6-t2v', 'wan2.6-i2v', 'wan2.6-i2v-flash', 'wan2.6-r2v', 'wan2.6-r2v-flash']);
    });

    for (const model of shotModels) {
      it(`${model}: sends a single shot by default, and a multi-shot narrative with prompt extension`, () => {
        const single = checkVideoForm(validVideo(model));
        assert.ok(single.ok);
        assert.equal(single.value.shotType, 'single');
        const multi = checkVideoForm({ ...validVideo(model), shotType: 'multi', promptExtend: true });
        assert.ok(multi.ok, JSON.stringify(issuesOf(multi)));
        assert.equal(multi.value.shotType, 'multi');
      });

      it(`${model}: refuses multi-shot without prompt extension, on the shot field, with the other problems`, () => {
        const issues = issuesOf(checkVideoForm({ ...validVideo(model), shotType: 'multi', promptExtend: false, duration: '99' }));
        assert.equal(issues.shotType, 'Multi-shot works only with prompt extension: turn prompt extension on, or choose a single shot.');
        assert.match(issues.duration ?? '', /makes videos of/);
        assert.ok(checkVideoForm({ ...validVideo(model), shotType: 'single', promptExtend: false }).ok);
      });
    }

    it('is neither checked nor sent for other models', () => {
      for (const model of ['wan2.7-t2v', 'wan2.5-i2v-preview', 'wan2.7-r2v']) {
        const result = checkVideoForm({ ...validVideo(model), shotType: 'multi', promptExtend: false });
        assert.ok(result.ok, model);
        assert.equal(result.value.shotType, undefined, model);
      }
    });

    it('reads a form saved before the field existed as one shot, and refuses an unknown shot type', () => {
      const { shotType: _omitted, ...saved } = validVideo('wan2.6-t2v');
      assert.equal(videoForm.parse(saved).shotType, 'single');
      assert.equal(videoForm.safeParse({ ...saved, shotType: 'triple' }).success, false);
    });
  });

  describe('video edit reference images', () => {
    const clip = file('clip.mp4', 'video/mp4');

    it('HappyHorse takes one optional reference image beside the source video', () => {
      const without = checkVideoForm({ ...validVideo('happyhorse-1.0-video-edit'), inputs: { video: [clip] } });
      assert.ok(without.ok, JSON.stringify(issuesOf(without)));
      assert.deepEqual(Object.keys(without.value.inputs), ['video']);
      const withReference = checkVideoForm({ ...validVideo('happyhorse-1.0-video-edit'), inputs: { video: [clip], referenceImages: [file('style.png', 'image/png')] } });
      assert.ok(withReference.ok, JSON.stringify(issuesOf(withReference)));
      assert.deepEqual(Object.keys(withReference.value.inputs).sort(), ['referenceImages', 'video']);
    });

    it('HappyHorse refuses a second reference, a video as reference, and a reference without the source video', () => {
      const edit = validVideo('happyhorse-1.0-video-edit');
      assert.match(issuesOf(checkVideoForm({ ...edit, inputs: { video: [clip], referenceImages: [file('a.png', 'image/png'), file('b.png', 'image/png')] } })).referenceImages ?? '', /Only one file here/);
      assert.match(issuesOf(checkVideoForm({ ...edit, inputs: { video: [clip], referenceImages: [file('b.mp4', 'video/mp4')] } })).referenceImages ?? '', /b\.mp4 is not a supported file type here \(use PNG, JPG, BMP, WEBP\)/);
      assert.match(issuesOf(checkVideoForm({ ...edit, inputs: { referenceImages: [file('a.png', 'image/png')] } })).video ?? '', /Add a file/);
    });

    it('wan2.7-videoedit takes up to four reference images', () => {
      const images = (count: number) => Array.from({ length: count }, (_, i) => file(`ref${i}.png`, 'image/png'));
      const four = checkVideoForm({ ...validVideo('wan2.7-videoedit'), inputs: { video: [clip], referenceImages: images(4) } });
      assert.ok(four.ok, JSON.stringify(issuesOf(four)));
      assert.equal(four.value.inputs.referenceImages?.length, 4);
      assert.match(issuesOf(checkVideoForm({ ...validVideo('wan2.7-videoedit'), inputs: { video: [clip], referenceImages: images(5) } })).referenceImages ?? '', /At most 4 files here/);
    });

    it('other models do not send picked reference images', () => {
      const result = checkVideoForm({ ...validVideo('wan2.7-i2v'), inputs: { ...validVideo('wan2.7-i2v').inputs, referenceImages: [file('a.png', 'image/png')] } });
      assert.ok(result.ok);
      assert.deepEqual(Object.keys(result.value.inputs), ['firstFrame']);
    });
  });

  describe('wan2.7-videoedit options', () => {
    const edit = () => validVideo('wan2.7-videoedit');

    it('keeps the source\'s ratio and length by default, and sends the service\'s default sound setting', () => {
      const form = edit();
      assert.deepEqual([form.ratio, form.duration, form.audioSetting], ['', '0', 'auto']);
      const result = checkVideoForm(form);
      assert.ok(result.ok, JSON.stringify(issuesOf(result)));
      assert.deepEqual([result.value.ratio, result.value.duration, result.value.audioSetting], [undefined, undefined, 'auto']);
      const blank = checkVideoForm({ ...form, duration: '' });
      assert.ok(blank.ok);
      assert.equal(blank.value.duration, undefined);
    });

    it('takes a negative prompt, the five ratios, 2–10 seconds and the original sound', () => {
      for (const ratio of ['16:9', '9:16', '1:1', '4:3', '3:4']) {
        for (const duration of ['2', '10']) {
          const result = checkVideoForm({ ...edit(), negativePrompt: ' rain ', ratio, duration, audioSetting: 'origin' });
          assert.ok(result.ok, JSON.stringify(issuesOf(result)));
          assert.deepEqual([result.value.negativePrompt, result.value.ratio, result.value.duration, result.value.audioSetting], ['rain', ratio, Number(duration), 'origin']);
        }
      }
    });

    it('refuses a duration of 1 or above 10, another ratio and a long negative prompt', () => {
      for (const duration of ['1', '11', '15', '-2', '2.5']) {
        assert.equal(issuesOf(checkVideoForm({ ...edit(), duration })).duration, 'wan2.7-videoedit makes videos of 0 (the source video\'s length) or 2–10 seconds.', duration);
      }
      assert.match(issuesOf(checkVideoForm({ ...edit(), ratio: '21:9' })).ratio ?? '', /accepts these aspect ratios: 16:9, 9:16, 1:1, 4:3, 3:4/);
      assert.match(issuesOf(checkVideoForm({ ...edit(), negativePrompt: 'x'.repeat(501) })).negativePrompt ?? '', /longer than 500/);
      assert.equal(videoForm.safeParse({ ...edit(), audioSetting: 'mute' }).success, false);
    });

    it('is the only model with the sound setting', () => {
      assert.deepEqual(VIDEO_RULES.filter((rule) => rule.audioSetting).map((rule) => rule.id), ['wan2.7-videoedit']);
      const t2v = checkVideoForm({ ...validVideo('wan2.7-t2v'), audioSetting: 'origin' });
      assert.ok(t2v.ok);
      assert.equal(t2v.value.audioSetting, undefined);
    });

    it('reads a form saved before these fields existed: no ratio or length keeps the source\'s, the sound setting is the default', () => {
      const { audioSetting: _omitted, ...saved } = { ...edit(), duration: '', ratio: '' };
      const form = videoForm.parse(saved);
      assert.equal(form.audioSetting, 'auto');
      assert.ok(checkVideoForm(form).ok);
    });

    it('keeps a ratio and a length the next model takes, and falls back to the source\'s otherwise', () => {
      const kept = adaptVideoForm({ ...validVideo('wan2.7-t2v'), ratio: '1:1', duration: '8' }, 'wan2.7-videoedit');
      assert.deepEqual([kept.ratio, kept.duration], ['1:1', '8']);
      const replaced = adaptVideoForm({ ...validVideo('happyhorse-1.0-t2v'), ratio: '21:9', duration: '15' }, 'wan2.7-videoedit');
      assert.deepEqual([replaced.ratio, replaced.duration], ['', '0']);
    });
  });

  describe('wanx2.1-vace-plus (image_reference)', () => {
    const images = (count: number) => Array.from({ length: count }, (_, i) => file(`ref${i}.png`, 'image/png'));
    const vace = (count: number): VideoForm => ({ ...validVideo('wanx2.1-vace-plus'), inputs: { refImages: images(count) } });

    it('takes 1 to 3 reference images, subjects unless marked as background, in the order picked', () => {
      const one = checkVideoForm(vace(1));
      assert.ok(one.ok, JSON.stringify(issuesOf(one)));
      assert.deepEqual([one.value.vaceFunction, one.value.referenceRoles, one.value.size, one.value.duration], ['image_reference', ['obj'], '1280*720', undefined]);
      const three = checkVideoForm({ ...vace(3), referenceRoles: { '/work/ref1.png': 'bg', '/work/gone.png': 'bg' } });
      assert.ok(three.ok, JSON.stringify(issuesOf(three)));
      assert.deepEqual(three.value.referenceRoles, ['obj', 'bg', 'obj']);
    });

    it('refuses no image, a fourth image, a video, a prompt left empty and another size', () => {
      assert.match(issuesOf(checkVideoForm(vace(0))).refImages ?? '', /Add a file here/);
      assert.match(issuesOf(checkVideoForm(vace(4))).refImages ?? '', /At most 3 files here/);
      assert.match(issuesOf(checkVideoForm({ ...vace(1), inputs: { refImages: [file('clip.mp4', 'video/mp4')] } })).refImages ?? '', /clip\.mp4 is not a supported file type/);
      assert.match(issuesOf(checkVideoForm({ ...vace(1), prompt: ' ' })).prompt ?? '', /Describe/);
      assert.match(issuesOf(checkVideoForm({ ...vace(1), picture: '1920*1080' })).picture ?? '', /wanx2\.1-vace-plus accepts: 1280\*720/);
    });

    it('refuses a function or a role it does not know, and reads forms saved before as image_reference with subjects', () => {
      assert.equal(videoForm.safeParse({ ...vace(1), vaceFunction: 'video_outpainting' }).success, false);
      assert.equal(videoForm.safeParse({ ...vace(1), referenceRoles: { '/work/ref0.png': 'foreground' } }).success, false);
      const { vaceFunction: _f, referenceRoles: _r, ...saved } = vace(2);
      const form = videoForm.parse(saved);
      assert.deepEqual([form.vaceFunction, form.referenceRoles], ['image_reference', {}]);
    });

    it('sends neither function nor roles for other models', () => {
      const result = checkVideoForm({ ...validVideo('wan2.7-videoedit'), referenceRoles: { '/work/in0.png': 'bg' } });
      assert.ok(result.ok);
      assert.deepEqual([result.value.vaceFunction, result.value.referenceRoles], [undefined, undefined]);
    });
  });

  it('refuses a model outside the chosen mode', () => {
    assert.match(issuesOf(checkVideoForm({ ...validVideo('wan2.6-t2v'), mode: 'i2v' })).model ?? '', /Choose a model/);
  });
});
