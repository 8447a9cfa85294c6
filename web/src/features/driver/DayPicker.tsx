/** The day of the route: previous / next day, today, or any date; large targets for a tablet. */
import { useTranslation } from "react-i18next";
import { shiftDay } from "./driverDay";

/** Props: the day shown, today, and how to change the day. */
export interface DayPickerProps {
  day: string;
  today: string;
  onChange: (day: string) => void;
}

/** Day navigation with a labelled date field. */
export function DayPicker({ day, today, onChange }: DayPickerProps) {
  const { t } = useTranslation();
  return (
    <div className="driver-day-picker" role="group" aria-label={t("driver.day")}>
      <button
        type="button"
        className="button driver-button"
        onClick={() => onChange(shiftDay(day, -1))}
        aria-label={t("driver.previousDay")}
      >
        ‹
      </button>
      <div className="field">
        <label htmlFor="driver-day">{t("driver.day")}</label>
        <input
          id="driver-day"
          type="date"
          value={day}
          required
          onChange={(e) => e.target.value && onChange(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="button driver-button"
        onClick={() => onChange(shiftDay(day, 1))}
        aria-label={t("driver.nextDay")}
      >
        ›
      </button>
      <button type="button" className="button driver-button" onClick={() => onChange(today)} disabled={day === today}>
        {t("driver.today")}
      </button>
    </div>
  );
}
