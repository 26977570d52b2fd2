import { reply, routeGroup } from '../../kernel/http/route-group.js';
import {
  accountDeletionBody,
  accountDeletionSchema,
  pictureParams,
  pictureUploadBody,
  profileBody,
  profileSchema,
  publicProfileSchema,
  startedPictureSchema,
  userProfileParams,
} from './contracts/profiles.js';

/** The caller's profile and account, and other users' profiles; served by `orgs` (docs/profiles.md). */
export const profileRoutes = routeGroup({ function: 'orgs', auth: 'jwt', tag: 'Me' }, [
  {
    operationId: 'putMyProfile',
    method: 'PUT',
    path: '/v1/me/profile',
    summary:
      'Create or change your profile (fields left out keep their value); a birth date under 13 years ago is refused',
    body: profileBody,
    success: reply(200, 'Your profile', profileSchema),
    problems: [409],
  },
  {
    operationId: 'getMyProfile',
    method: 'GET',
    path: '/v1/me/profile',
    summary: 'Your profile, with your birth date and age',
    success: reply(200, 'Your profile', profileSchema),
    problems: [404],
  },
  {
    operationId: 'startProfilePictureUpload',
    method: 'POST',
    path: '/v1/me/profile/pictures',
    summary: 'Add a picture (at most 6): PUT its bytes to the presigned URL answered, then complete it',
    body: pictureUploadBody,
    success: reply(201, 'The pending picture and its upload URL', startedPictureSchema),
    problems: [404, 409],
  },
  {
    operationId: 'completeProfilePicture',
    method: 'POST',
    path: '/v1/me/profile/pictures/{pictureId}/complete',
    summary: 'Make an uploaded picture visible once the bucket holds it at the declared size and type',
    params: pictureParams,
    success: reply(200, 'The picture', profileSchema.shape.pictures.element),
    problems: [404],
  },
  {
    operationId: 'deleteProfilePicture',
    method: 'DELETE',
    path: '/v1/me/profile/pictures/{pictureId}',
    summary: 'Remove a picture of your profile and its file',
    params: pictureParams,
    success: reply(204, 'Removed'),
    problems: [404],
  },
  {
    operationId: 'getUserProfile',
    method: 'GET',
    path: '/v1/users/{userId}/profile',
    summary:
      "Another user's profile as their privacy settings let you see it: never a birth date; city and age only for the audience they chose",
    params: userProfileParams,
    success: reply(200, 'The profile', publicProfileSchema),
    problems: [404],
  },
  {
    operationId: 'deleteMyAccount',
    method: 'DELETE',
    path: '/v1/me',
    summary:
      'Delete your account: your profile, pictures, devices, memberships and preferences are erased and your attendee records anonymized (bookings keep their counts). 409 LAST_OWNER names the organizations you alone own',
    body: accountDeletionBody,
    success: reply(202, 'The erasure started', accountDeletionSchema),
    problems: [409],
  },
]);
