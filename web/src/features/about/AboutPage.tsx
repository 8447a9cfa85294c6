/** About / credits page: what Fura is and the attribution every data source requires. */
import { useTranslation } from "react-i18next";
import { GEONAMES_ATTRIBUTION, NATURAL_EARTH_CREDIT, OSM_ATTRIBUTION } from "../../map/attributions";

/** Turns the URLs inside a notice into links, keeping the text verbatim. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s,)]*[^\s,).])/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The credits page at /a-propos. */
export default function AboutPage() {
  const { t } = useTranslation();
  return (
    <article className="page page-narrow about">
      <h1>{t("about.title")}</h1>
      <p>{t("about.intro")}</p>
      <h2>{t("about.dataTitle")}</h2>
      <dl className="credits" data-testid="credits">
        <dt>{t("about.facilities")}</dt>
        <dd lang="en">
          <Linkified text={OSM_ATTRIBUTION} />
        </dd>
        <dt>{t("about.geonames")}</dt>
        <dd lang="en">
          <Linkified text={GEONAMES_ATTRIBUTION} />
        </dd>
        <dt>{t("about.naturalEarth")}</dt>
        <dd lang="en">
          {NATURAL_EARTH_CREDIT} (
          <a href="https://www.naturalearthdata.com" target="_blank" rel="noopener noreferrer">
            naturalearthdata.com
          </a>
          )
        </dd>
      </dl>
      <p className="note">{t("about.approxNote")}</p>
      <h2>{t("about.softwareTitle")}</h2>
      <p>{t("about.software")}</p>
    </article>
  );
}
