import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { emitEvent, recordAudit } from '../../db/audit.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { newId, type UserId } from '../../kernel/ids.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { grantRole } from '../identity/index.ts';
import { EIN_FORMAT, VALID_EIN_PREFIXES } from './ein.ts';
import { SELLER_COLUMNS, type SellerRow, type SellerView, toSellerView } from './seller-view.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Human-entered text in a listing language; the same bounds for every locale. */
const descriptionText = text(5000);

/** What a business gives to onboard. The HTTP edge and `onboardSeller` validate with the same schema. */
export const OnboardSellerInput = z
  .object({
    legalName: text(200),
    dba: text(200).nullable().optional(),
    ein: z
      .string()
      .max(10)
      .regex(EIN_FORMAT, 'An EIN is written NN-NNNNNNN.')
      .refine((s) => VALID_EIN_PREFIXES.has(s.slice(0, 2)), 'The IRS has never assigned this EIN prefix.'),
    usState: z.enum(US_STATE_CODES as [UsState, ...UsState[]]),
    city: text(100),
    employees: z.number().int().min(0).max(10_000_000),
    isFarm: z.boolean(),
    founded: z.number().int().min(1600).max(9999).nullable().optional(),
    contact: z
      .object({
        name: text(200),
        email: z.email().max(254),
        phone: z
          .string()
          .trim()
          .max(32)
          .regex(
            /^\+?[0-9 ().-]{7,31}$/,
            'A phone number: digits, spaces, ( ) . - and an optional leading +.',
          )
          .refine((s) => {
            const digits = s.replace(/[^0-9]/g, '').length;
            return digits >= 7 && digits <= 15; // E.164 numbers have at most 15 digits
          }, 'A phone number has 7 to 15 digits.'),
      })
      .strict(),
    description: z
      .object({
        en: descriptionText,
        'zh-Hans': descriptionText.optional(),
        'zh-Hant': descriptionText.optional(),
        ja: descriptionText.optional(),
        ko: descriptionText.optional(),
      })
      .strict(),
  })
  .strict();
export type OnboardSellerInput = z.input<typeof OnboardSellerInput>;

/**
 * Registers a US business as a pending seller and makes the user its staff, in one transaction.
 * @example
 * const seller = await onboardSeller(ctx, userId, { legalName: 'Marathon Ginseng LLC', ein: '39-1234567', ... });
 */
export async function onboardSeller(
  ctx: Ctx,
  userId: UserId,
  input: OnboardSellerInput,
): Promise<SellerView> {
  const parsed = OnboardSellerInput.safeParse(input);
  if (!parsed.success) {
    throw invalid('sellers.invalid_input', 'The onboarding form is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const v = parsed.data;
  const now = ctx.clock.now();
  if (v.founded != null && v.founded > now.getUTCFullYear()) {
    throw invalid('sellers.founded_in_future', `The year founded (${v.founded}) is in the future.`);
  }
  const id = newId('sel');
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute<SellerRow>(sql`
      INSERT INTO sellers (id, legal_name, dba, ein, state, us_state, city, employees, is_farm, founded,
        description, contact_name, contact_email, contact_phone, created_by, created_at, updated_at)
      VALUES (${id}, ${v.legalName}, ${v.dba ?? null}, ${v.ein}, 'pending', ${v.usState}, ${v.city}, ${v.employees},
        ${v.isFarm}, ${v.founded ?? null}, ${JSON.stringify(v.description)}::jsonb, ${v.contact.name},
        ${v.contact.email}, ${v.contact.phone}, ${userId}, ${now}, ${now})
      ON CONFLICT ON CONSTRAINT sellers_ein_unique DO NOTHING
      RETURNING ${SELLER_COLUMNS}`);
    const row = rows[0];
    if (!row) throw conflict('sellers.ein_taken', 'A seller with this EIN is already registered.');
    await grantRole(tx, userId, 'seller_staff', id);
    await recordAudit(tx, {
      actor: userId,
      action: 'sellers.onboarded',
      subject: id,
      detail: { legalName: v.legalName, usState: v.usState },
    });
    await emitEvent(tx, 'sellers.onboarded', id, { sellerId: id });
    return toSellerView(row);
  });
}
