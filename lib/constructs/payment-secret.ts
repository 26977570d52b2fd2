import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ServiceFunction } from './lambda-function.js';
import { grantSecretRead } from './secret-read.js';

export interface PaymentSecretProps {
  tenantId: string;
}

/** The JSON document ops put into the secret (functions/modules/payments/adapters/payment-secrets.ts). */
const expectedShape =
  '{"stripe":{"apiKey":"<secret key>","webhookSecrets":["<signing secret>"]},' +
  '"razorpay":{"keyId":"<key id>","keySecret":"<key secret>","webhookSecrets":["<webhook secret>"]}}';

/**
 * The tenant's payment provider keys: one secret, filled in by ops after the first deployment. The
 * stack never holds a key: it creates the secret with a generated placeholder (`{"placeholder":
 * "<random>"}`), which the function reads as "no provider keys" because it names no provider.
 */
export class PaymentSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: PaymentSecretProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description:
        `Evently payment provider keys (${props.tenantId}). Put one JSON object, only the providers ` +
        `turned on in the tenant config: ${expectedShape}. webhookSecrets is a list so an old ` +
        'secret stays valid during a rotation.',
      // Without a template CloudFormation would generate a bare password, which is not JSON; a key
      // that names no provider keeps the placeholder readable as "no keys". Changing these settings
      // makes CloudFormation generate a new value over the keys ops put in.
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
      // The keys are entered by hand and exist nowhere else in the account: replacing or destroying
      // the app stack must not delete them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The values are keys and webhook signing secrets issued by Stripe and Razorpay: only the provider ' +
        'can issue new ones, so a rotation Lambda cannot rotate them. Ops rotate them by hand (a new ' +
        'webhook secret is added to webhookSecrets before the old one is removed).',
    });
  }

  grantRead(fn: ServiceFunction): void {
    grantSecretRead(fn, this.secret);
  }
}
