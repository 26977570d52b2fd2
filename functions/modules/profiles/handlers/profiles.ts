import { getContainer } from '../../../app/container.js';
import { accepted, created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { requestAccountDeletion } from '../domain/account-deletion.js';
import { ageOn, type Profile } from '../domain/model.js';
import { completePictureUpload, deletePicture, startPictureUpload } from '../domain/pictures.js';
import { getMyProfile, putMyProfile, viewProfile } from '../domain/profiles.js';

const deps = () => getContainer().deps;

/** The owner's view: the birth date and the age it gives today. */
const ownView = ({ version: _version, ...p }: Profile) => ({
  ...p,
  age: p.birthDate ? ageOn(p.birthDate, deps().clock.now()) : null,
});

export const profileHandlers = {
  putMyProfile: async ({ principal, body }) => ok(ownView(await putMyProfile(deps(), principal, body))),
  getMyProfile: async ({ principal }) => ok(ownView(await getMyProfile(deps(), principal))),
  startProfilePictureUpload: async ({ principal, body }) =>
    created(await startPictureUpload(deps(), principal, body)),
  completeProfilePicture: async ({ principal, params }) =>
    ok(await completePictureUpload(deps(), principal, params.pictureId)),
  deleteProfilePicture: async ({ principal, params }) => {
    await deletePicture(deps(), principal, params.pictureId);
    return noContent();
  },
  getUserProfile: async ({ principal, params }) => {
    const { pictureIds: _ids, ...view } = await viewProfile(deps(), principal, params.userId);
    return ok(view);
  },
  deleteMyAccount: async ({ principal }) => {
    await requestAccountDeletion(deps(), principal);
    return accepted({ status: 'erasing' });
  },
} satisfies Partial<RouteHandlers<'orgs'>>;
