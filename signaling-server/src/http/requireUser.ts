import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/createAuthService.js';
import type { UserRecord } from '../db/Storage.js';
import { bearerToken } from './bearerToken.js';

/** Middleware: the request needs `Authorization: Bearer <access token>` of an existing user. */
export function requireUser(auth: AuthService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.user = (await auth.authenticate(bearerToken(req.headers.authorization))).user;
    next();
  };
}

/** The user `requireUser` put on the response. */
export function currentUser(res: Response): UserRecord {
  const user = res.locals.user as UserRecord | undefined;
  if (!user) throw new Error('currentUser() used on a route without requireUser()');
  return user;
}
