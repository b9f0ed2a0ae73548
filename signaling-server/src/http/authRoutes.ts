import {
  API_ROUTES,
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  registerRequestSchema,
} from '@wava/protocol';
import { Router } from 'express';
import type { AuthService } from '../auth/createAuthService.js';
import { toPublicUser } from '../auth/toPublicUser.js';
import { clientIp } from './clientIp.js';
import { parseBody } from './parseBody.js';
import { currentUser, requireUser } from './requireUser.js';

/** Registration, sign-in, token refresh, sign-out and the signed-in user. */
export function authRoutes(auth: AuthService): Router {
  const router = Router();
  router.post(API_ROUTES.register, async (req, res) => {
    const body = parseBody(registerRequestSchema, req.body);
    res.status(201).json(await auth.register(body, clientIp(req)));
  });
  router.post(API_ROUTES.login, async (req, res) => {
    const body = parseBody(loginRequestSchema, req.body);
    res.json(await auth.login(body, clientIp(req)));
  });
  router.post(API_ROUTES.refresh, async (req, res) => {
    const body = parseBody(refreshRequestSchema, req.body);
    res.json(await auth.refresh(body.refreshToken));
  });
  router.post(API_ROUTES.logout, async (req, res) => {
    const body = parseBody(logoutRequestSchema, req.body);
    await auth.logout(body.refreshToken);
    res.status(204).end();
  });
  router.get(API_ROUTES.me, requireUser(auth), (_req, res) => {
    res.json(toPublicUser(currentUser(res)));
  });
  return router;
}
