import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type AlarmOn, oneHour } from './monitored.js';

/**
 * SES suspends an account's sending at about a 10 % bounce rate or a 0.5 % complaint rate (it
 * reviews it at 5 % and 0.1 %): alarm at the review levels, well before a suspension.
 */
const sesLimits = { bounceRate: 0.05, complaintRate: 0.001 } as const;

const accountGauge = (namespace: string, metricName: string) =>
  new Metric({ namespace, metricName, statistic: 'Maximum', period: oneHour });

/**
 * Account-wide metrics of the region (they have no dimension): every tenant stack in the same
 * account and region watches the same numbers, so their alarms fire together.
 */
export const sendingMetrics = () => ({
  bounceRate: accountGauge('AWS/SES', 'Reputation.BounceRate'),
  complaintRate: accountGauge('AWS/SES', 'Reputation.ComplaintRate'),
  smsSpend: accountGauge('AWS/SNS', 'SMSMonthToDateSpentUSD'),
});

/** SES reputation only when the tenant sends email; SMS spend always (SMS needs no sender setup). */
export const sendingAlarms = (
  alarmOn: AlarmOn,
  metrics: ReturnType<typeof sendingMetrics>,
  { sendsEmail, smsMonthToDateSpendUsd }: { sendsEmail: boolean; smsMonthToDateSpendUsd: number },
): void => {
  if (sendsEmail) {
    alarmOn(
      'SesBounceRate',
      metrics.bounceRate,
      `The account’s SES bounce rate reached ${sesLimits.bounceRate * 100} % (SES suspends sending near ` +
        '10 %): look for invalid addresses among recent recipients in the SES reputation dashboard.',
      { threshold: sesLimits.bounceRate, evaluationPeriods: 1 },
    );
    alarmOn(
      'SesComplaintRate',
      metrics.complaintRate,
      `The account’s SES complaint rate reached ${sesLimits.complaintRate * 100} % (SES suspends sending ` +
        'near 0.5 %): check which notifications recipients mark as spam, and their preferences.',
      { threshold: sesLimits.complaintRate, evaluationPeriods: 1 },
    );
  }
  alarmOn(
    'SmsSpend',
    metrics.smsSpend,
    `The account’s SMS spend this month reached ${smsMonthToDateSpendUsd} USD: look for repeated SMS sends ` +
      'in the notifications function’s logs, then the account’s SNS SMS spending quota.',
    { threshold: smsMonthToDateSpendUsd, evaluationPeriods: 1 },
  );
};
