import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { assertUploaded, type PresignedUrl } from '../../../kernel/domain/files.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { maxPictures, type Profile, type ProfilePicture, pictureKeyOf } from './model.js';
import { changeProfile } from './profiles.js';

/**
 * The pictures of the caller's profile: a presigned upload (the picture counts as pending), its
 * completion once the bucket holds an object of the declared size and type (as the materials'
 * uploads are checked), its deletion with its object.
 */

type PictureDeps = Pick<Deps, 'profiles' | 'profileFiles' | 'clock'>;

/** How long an upload URL lasts. */
const uploadUrlSeconds = 15 * 60;

const profileOf = (current: Profile | undefined): Profile => {
  if (!current) throw notFound('profile');
  return current;
};

export const startPictureUpload = async (
  deps: PictureDeps,
  principal: Principal,
  input: { contentType: string; sizeBytes: number },
): Promise<{ picture: ProfilePicture; upload: PresignedUrl }> => {
  const pictureId = newId('pic');
  const profile = await changeProfile(deps, principal.sub, (current, at) => {
    const found = profileOf(current);
    if (found.pictures.length >= maxPictures)
      throw new DomainError('CONFLICT', `a profile holds at most ${maxPictures} pictures: delete one first`, {
        limit: maxPictures,
      });
    const picture: ProfilePicture = { pictureId, status: 'pending_upload', ...input, createdAt: at };
    return { ...found, pictures: [...found.pictures, picture] };
  });
  const picture = pictureOf(profile, pictureId);
  const upload = await deps.profileFiles.uploadUrl(
    pictureKeyOf(principal.sub, pictureId),
    input.contentType,
    input.sizeBytes,
    uploadUrlSeconds,
  );
  return { picture, upload };
};

const pictureOf = (profile: Profile, pictureId: string): ProfilePicture => {
  const picture = profile.pictures.find((p) => p.pictureId === pictureId);
  if (!picture) throw notFound('picture');
  return picture;
};

/** Idempotent: an available picture is answered as it is. */
export const completePictureUpload = async (
  deps: PictureDeps,
  principal: Principal,
  pictureId: string,
): Promise<ProfilePicture> => {
  const picture = pictureOf(await profileOrMissing(deps, principal), pictureId);
  if (picture.status === 'available') return picture;
  await assertUploaded(deps.profileFiles, pictureKeyOf(principal.sub, pictureId), picture);
  const profile = await changeProfile(deps, principal.sub, (current) => {
    const found = profileOf(current);
    pictureOf(found, pictureId);
    const pictures = found.pictures.map((p) =>
      p.pictureId === pictureId ? { ...p, status: 'available' as const } : p,
    );
    return { ...found, pictures };
  });
  return pictureOf(profile, pictureId);
};

const profileOrMissing = async (deps: Pick<Deps, 'profiles'>, principal: Principal): Promise<Profile> =>
  profileOf(await deps.profiles.get(principal.sub));

/** Removing a picture that is already gone succeeds, so a retried DELETE answers the same. */
export const deletePicture = async (
  deps: PictureDeps,
  principal: Principal,
  pictureId: string,
): Promise<void> => {
  const profile = await profileOrMissing(deps, principal);
  if (profile.pictures.some((p) => p.pictureId === pictureId))
    await changeProfile(deps, principal.sub, (current) => {
      const found = profileOf(current);
      return { ...found, pictures: found.pictures.filter((p) => p.pictureId !== pictureId) };
    });
  // The object after the item: an object left by a crash in between is unreachable, and erased with the account.
  await deps.profileFiles.remove(pictureKeyOf(principal.sub, pictureId));
};
